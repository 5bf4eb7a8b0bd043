package com.serviceradar.edge.server.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's row trigger on {@code audit_events} for updates and deletes: it refuses every one. Public
 * with a no-argument constructor because H2 instantiates it by name.
 */
public final class RefuseAuditChangeTrigger implements Trigger {

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException(AppendOnlyAuditTrail.REFUSAL);
  }
}
