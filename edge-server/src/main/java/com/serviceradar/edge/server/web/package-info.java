/**
 * The web UI: server-rendered pages (Thymeleaf and htmx, every asset served by us), the session
 * login that guards them, and the layout other pages build on. It calls the features' public
 * services and never the REST API; no feature depends on it.
 */
package com.serviceradar.edge.server.web;
