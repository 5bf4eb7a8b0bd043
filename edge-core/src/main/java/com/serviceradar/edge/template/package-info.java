/**
 * A tiny text template renderer for the files the platform generates (nats-server configurations,
 * {@code setup.sh}, README): {@code {{name}}} slots and {@code {{#name}}…{{/name}}} sections.
 *
 * <p>Owns escaping: every text value is quoted for the template's {@link
 * com.serviceradar.edge.template.Language}, so a value is always data, never syntax. Never reads
 * the clock or the environment: the same template and values give the same bytes.
 */
package com.serviceradar.edge.template;
