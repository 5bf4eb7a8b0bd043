/**
 * Alerts: opens one when a site's leaf stays disconnected longer than {@code
 * EDGE_ALERT_DISCONNECT_AFTER} or the monitor records a condition for it, resolves it when that
 * ends, and POSTs each transition once to a signed webhook. Reads site, leaf and condition state
 * but never changes it, and never sends or stores the webhook secret anywhere but the signature.
 */
package com.serviceradar.edge.server.alert;
