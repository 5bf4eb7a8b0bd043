/**
 * One-time join tokens (onboarding packages): a tenant admin issues one for a component at a site,
 * and the edge host redeems it once, within its lifetime, for what it needs to set the component
 * up. Only the token's hash is stored; every redemption is audited with the address it came from.
 */
package com.serviceradar.edge.server.onboarding;
