package com.serviceradar.edge.bundle;

import com.serviceradar.edge.names.CollectorSubjects;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The kinds of collector a package can be made for; each gets its own {@code config/} file. */
public enum CollectorType {
  FLOWGGER,
  TRAPD,
  NETFLOW,
  OTEL;

  /**
   * What every collector may publish to (issue [E5]); it may also subscribe to {@link #INBOX} for
   * replies.
   */
  public static final List<String> PUBLISH_SUBJECTS = CollectorSubjects.ALL;

  /** Request replies arrive here. */
  public static final String INBOX = CollectorSubjects.INBOX;

  /** The name in the API and in file names, e.g. {@code flowgger}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code {type}-{first 8 characters of the id}}: the NATS user name and the certificate's CN. */
  public String instanceName(UUID packageId) {
    return wireName() + "-" + packageId.toString().substring(0, 8);
  }

  /**
   * The type with this wire name.
   *
   * @throws IllegalArgumentException naming the accepted types
   */
  public static CollectorType fromWireName(String text) {
    return Arrays.stream(values())
        .filter(type -> type.wireName().equals(text))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "collectorType must be one of "
                        + Arrays.stream(values()).map(CollectorType::wireName).toList()));
  }
}
