package com.serviceradar.edge.install;

import com.serviceradar.edge.template.Language;
import com.serviceradar.edge.template.Template;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * {@code install.sh} for one control plane: a POSIX sh script that sets up a Debian or Ubuntu host
 * as an edge site's leaf with a join token. Its URL is the script's only variable part, quoted as
 * shell data.
 */
public final class InstallScript {

  /**
   * Where the script downloads the agent package, below the control plane's URL; {@code {arch}} is
   * the host's Debian architecture ({@code dpkg --print-architecture}).
   */
  public static final String AGENT_PACKAGE_PATH = "/downloads/serviceradar-edge-agent_{arch}.deb";

  private static final Template TEMPLATE =
      Template.load(InstallScript.class, "install.sh.tmpl", Language.SHELL);

  private InstallScript() {}

  /**
   * The script for the control plane at {@code controlPlane}.
   *
   * @param controlPlane the control plane's base URL as edge hosts reach it: http or https, with a
   *     host and no query, fragment or user info
   * @throws IllegalArgumentException when {@code controlPlane} is not such a URL
   */
  public static String render(URI controlPlane) {
    String scheme =
        controlPlane.getScheme() == null ? "" : controlPlane.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")
        || controlPlane.getHost() == null
        || controlPlane.getRawQuery() != null
        || controlPlane.getRawFragment() != null
        || controlPlane.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the control plane URL must be http(s)://host[:port][/path], got " + controlPlane);
    }
    String url = controlPlane.toString();
    return TEMPLATE.render(
        Map.of("control_plane", url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
  }
}
