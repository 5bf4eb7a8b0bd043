package com.serviceradar.edge.server.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused start into the one-paragraph report Boot prints, instead of a stack trace. */
class StartupRefusedFailureAnalyzer extends AbstractFailureAnalyzer<StartupRefusedException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StartupRefusedException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Fix the configuration named above and start again. Nothing was served.",
        cause);
  }
}
