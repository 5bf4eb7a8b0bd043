/**
 * Who may call the API: bearer tokens (random, shown once, stored only as a SHA-256 hash), the
 * bootstrap platform-operator token, the API's Spring Security chain, and the check that holds
 * every handler, API and page, to the roles its authorization annotation names
 * ({@code @TenantAdmin} and the rest, declared in {@code system}). Never stores or logs a token in
 * clear text.
 */
package com.serviceradar.edge.server.auth;
