package com.serviceradar.edge.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code systemd-analyze} on unit files, offline: no running systemd is needed, so the units a test
 * writes into a temporary directory are judged as systemd would judge them once installed.
 */
public final class SystemdAnalyze {

  /** Our bar for every unit we install: systemd calls up to 2.0 "OK" (NATS' own unit: 1.3). */
  public static final double MAX_EXPOSURE = 2.0;

  private static final Pattern OVERALL =
      Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

  private SystemdAnalyze() {}

  /** The overall exposure, 0.0 (locked down) to 10.0 (unprotected), and the table behind it. */
  public record Security(double exposure, String report) {}

  /**
   * {@code systemd-analyze security --offline=true UNIT}.
   *
   * @throws IllegalStateException with the tool's output when it gives no score
   */
  public static Security security(Path unit) {
    Command.Result result =
        Command.run(
            unit.getParent(),
            List.of(
                "systemd-analyze", "security", "--offline=true", "--no-pager", unit.toString()));
    Matcher score = OVERALL.matcher(result.output());
    if (!score.find()) {
      throw new IllegalStateException("no exposure level for " + unit + ":\n" + result.output());
    }
    return new Security(Double.parseDouble(score.group(1)), result.output());
  }

  /**
   * {@code systemd-analyze verify UNIT...}: exit code 0 and no output when systemd accepts them.
   */
  public static Command.Result verify(Path... units) {
    List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
    for (Path unit : units) {
      command.add(unit.toString());
    }
    return Command.run(units[0].getParent(), command);
  }
}
