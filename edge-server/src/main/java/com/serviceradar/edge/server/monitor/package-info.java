/**
 * Watches the hub as its SYS monitor user and turns what it reports into site health: leaf CONNECT
 * and DISCONNECT events (handled once across replicas through a queue group), periodic
 * reconciliation with CONNZ (events are lost whenever we are not connected), and scans for expiring
 * certificates and outdated configurations. Decides nothing about state itself: the {@code site}
 * module does.
 */
package com.serviceradar.edge.server.monitor;
