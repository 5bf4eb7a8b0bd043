package com.serviceradar.edge.server.audit;

import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.Timestamps;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to the audit trail. A success is written in the caller's transaction, so the event exists
 * exactly when the change does; a failed attempt is written in its own, because the change was
 * rolled back.
 */
@Service
public class AuditLog {

  private final AuditRepository repository;
  private final TransactionTemplate transaction;
  private final Clock clock;

  AuditLog(AuditRepository repository, TransactionTemplate transaction, Clock clock) {
    this.repository = repository;
    this.transaction = transaction;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(AuditRecord record) {
    repository.insert(record, Timestamps.now(clock));
  }

  /**
   * Runs a change in one transaction; the change records its own success. If it fails, the failed
   * attempt is recorded (with the reason a caller would see) and the failure is passed on.
   */
  public <T> T attempt(Actor actor, String action, String target, Supplier<T> change) {
    try {
      return transaction.execute(status -> change.get());
    } catch (RuntimeException e) {
      AuditRecord failure = AuditRecord.failure(actor, action, target, reasonFor(e));
      transaction.executeWithoutResult(status -> repository.insert(failure, Timestamps.now(clock)));
      throw e;
    }
  }

  private static String reasonFor(RuntimeException e) {
    if (e instanceof ApiProblemException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    if (e instanceof DuplicateKeyException) {
      return "conflicts with an existing object";
    }
    return "internal error";
  }
}
