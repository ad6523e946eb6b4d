/**
 * Who may call what: the service as an OAuth2 resource server of API v2.
 */
package io.microshop.notification.security;
