package com.serviceradar.edge.server.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApplicationEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/** EDGE_AGENT_PACKAGE_DIR reaches its setting, through the real application.properties. */
class AgentPackageSettingsBindingTest {

  private static AgentPackageSettings bind(Map<String, Object> variables) {
    return Binder.get(ApplicationEnvironment.withVariables(variables))
        .bind("edge.agent-package", AgentPackageSettings.class)
        .get();
  }

  @Test
  void noAgentPackageIsPublishedByDefault() {
    assertThat(bind(Map.of()).dir()).isEmpty();
  }

  @Test
  void theVariableNamesTheFolder() {
    assertThat(bind(Map.of("EDGE_AGENT_PACKAGE_DIR", "/srv/agent")).dir()).isEqualTo("/srv/agent");
  }
}
