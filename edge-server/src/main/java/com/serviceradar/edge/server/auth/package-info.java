/**
 * Who may call the API: bearer tokens (random, shown once, stored only as a SHA-256 hash), the
 * bootstrap platform-operator token, and the Spring Security rules that map roles to endpoints.
 * Never stores or logs a token in clear text.
 */
package com.serviceradar.edge.server.auth;
