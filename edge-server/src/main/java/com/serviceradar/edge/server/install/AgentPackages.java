package com.serviceradar.edge.server.install;

import com.serviceradar.edge.server.system.ApiProblemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the agent package for an architecture in {@code EDGE_AGENT_PACKAGE_DIR}. The folder is
 * listed on each request, so a package copied in is served at once, and the requested architecture
 * only ever selects among the names listed: it never becomes part of a path.
 */
@Component
class AgentPackages {

  private static final Logger log = LoggerFactory.getLogger(AgentPackages.class);

  /** Debian architecture names: amd64, arm64, armhf, i386, ppc64el, riscv64, s390x. */
  private static final Pattern ARCHITECTURE = Pattern.compile("[a-z0-9]{1,16}");

  private static final String HOW_TO_PUBLISH =
      "put serviceradar-edge_<version>_<arch>.deb (scripts/package.sh builds it) into a folder"
          + " and set EDGE_AGENT_PACKAGE_DIR to it";

  private final AgentPackageSettings settings;

  AgentPackages(AgentPackageSettings settings) {
    this.settings = settings;
  }

  /**
   * The one package for {@code architecture}.
   *
   * @throws ApiProblemException 404 when none is published for it, 409 when several are
   */
  Path find(String architecture) {
    if (!ARCHITECTURE.matcher(architecture).matches()) {
      throw ApiProblemException.notFound(
          "arch must be a Debian architecture name such as amd64 or arm64");
    }
    if (settings.dir().isBlank()) {
      throw ApiProblemException.notFound(
          "the agent package is not published on this control plane: " + HOW_TO_PUBLISH);
    }
    Pattern name = Pattern.compile("serviceradar-edge_[A-Za-z0-9.+~-]+_" + architecture + "\\.deb");
    List<Path> packages = list(Path.of(settings.dir()), name);
    if (packages.isEmpty()) {
      throw ApiProblemException.notFound(
          "no agent package for "
              + architecture
              + " is published on this control plane: "
              + HOW_TO_PUBLISH);
    }
    if (packages.size() > 1) {
      throw ApiProblemException.conflict(
          "EDGE_AGENT_PACKAGE_DIR holds "
              + packages.size()
              + " agent packages for "
              + architecture
              + ": keep only the one edge hosts should install");
    }
    return packages.get(0);
  }

  private static List<Path> list(Path dir, Pattern name) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(entry -> name.matcher(entry.getFileName().toString()).matches())
          .filter(Files::isRegularFile)
          .toList();
    } catch (IOException e) {
      // The folder is the operator's to fix; an anonymous caller learns only that nothing is there.
      log.warn("Cannot list EDGE_AGENT_PACKAGE_DIR {}: {}", dir, e.toString());
      return List.of();
    }
  }
}
