package com.serviceradar.edge.verify;

import java.util.Objects;

/**
 * One check's result.
 *
 * @param name what was checked, e.g. {@code certificate chain}
 * @param detail what was found, one line
 * @param fix what to do about it; empty when the check passed
 */
public record Check(String name, CheckStatus status, String detail, String fix) {

  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    detail = Objects.requireNonNullElse(detail, "");
    fix = Objects.requireNonNullElse(fix, "");
  }

  public static Check pass(String name, String detail) {
    return new Check(name, CheckStatus.PASS, detail, "");
  }

  public static Check warn(String name, String detail, String fix) {
    return new Check(name, CheckStatus.WARN, detail, fix);
  }

  public static Check fail(String name, String detail, String fix) {
    return new Check(name, CheckStatus.FAIL, detail, fix);
  }

  public static Check skip(String name, String detail) {
    return new Check(name, CheckStatus.SKIP, detail, "");
  }

  public boolean failed() {
    return status == CheckStatus.FAIL;
  }
}
