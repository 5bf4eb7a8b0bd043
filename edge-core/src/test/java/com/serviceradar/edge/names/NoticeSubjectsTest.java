package com.serviceradar.edge.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoticeSubjectsTest {

  /**
   * The leaf user denies only the collector subjects, so a notice outside them crosses the leaf
   * link toward the leaf with every leaf user JWT already issued (the end-to-end proof is
   * edge-cli's ChangeNoticeEndToEndTest).
   */
  @Test
  void theNoticeSubjectIsNoCollectorSubjectSoItCrossesTheLeafLink() {
    String firstToken = NoticeSubjects.CONFIG_CHANGED.split("\\.")[0];

    assertThat(CollectorSubjects.ALL)
        .allSatisfy(subject -> assertThat(subject).doesNotStartWith(firstToken + "."));
    assertThat(NoticeSubjects.CONFIG_CHANGED).doesNotContain("*").doesNotContain(">");
  }
}
