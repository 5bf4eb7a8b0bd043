package com.serviceradar.edge.cli;

import com.serviceradar.edge.verify.Check;
import com.serviceradar.edge.verify.CheckStatus;
import io.nats.client.support.JsonValue;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints checks numbered, each PASS/WARN/FAIL/SKIP with its fix, or as JSON; exit 1 on a FAIL. */
final class CheckReport {

  private CheckReport() {}

  static int print(String title, List<Check> checks, boolean json, PrintWriter out) {
    boolean failed = checks.stream().anyMatch(Check::failed);
    if (json) {
      List<JsonValue> items = new ArrayList<>();
      for (int i = 0; i < checks.size(); i++) {
        Check check = checks.get(i);
        items.add(
            Json.object(
                "number", i + 1,
                "name", check.name(),
                "status", check.status().name(),
                "detail", check.detail(),
                "fix", check.fix().isEmpty() ? null : check.fix()));
      }
      out.println(
          Json.object("subject", title, "ok", !failed, "checks", Json.list(items)).toJson());
    } else {
      out.println(title);
      for (int i = 0; i < checks.size(); i++) {
        Check check = checks.get(i);
        out.printf(
            Locale.ROOT,
            "%3d. %-4s  %s: %s%n",
            i + 1,
            check.status(),
            check.name(),
            check.detail());
        if (!check.fix().isEmpty() && check.status() != CheckStatus.PASS) {
          out.printf(Locale.ROOT, "           fix: %s%n", check.fix());
        }
      }
      out.printf(
          Locale.ROOT,
          "%d passed, %d warnings, %d failed, %d skipped%n",
          count(checks, CheckStatus.PASS),
          count(checks, CheckStatus.WARN),
          count(checks, CheckStatus.FAIL),
          count(checks, CheckStatus.SKIP));
    }
    out.flush();
    return failed ? ExitException.FAILURE : 0;
  }

  private static long count(List<Check> checks, CheckStatus status) {
    return checks.stream().filter(check -> check.status() == status).count();
  }
}
