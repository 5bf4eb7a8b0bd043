/**
 * The control plane's certificate authorities: the platform root CA (created or imported on first
 * start) and one CA per tenant. Stores private keys only sealed; never hands a key to the API.
 */
package com.serviceradar.edge.server.pki;
