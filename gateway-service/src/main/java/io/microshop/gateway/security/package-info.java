/**
 * Who may call what through the gateway: an OAuth2 resource server of API v2, and the
 * browser origins allowed to call it.
 */
package io.microshop.gateway.security;
