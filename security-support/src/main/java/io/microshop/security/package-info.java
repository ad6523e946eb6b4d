/**
 * The resource-server side of API v2, shared by the gateway and the services: who the
 * caller is, the refusals as RFC 9457 problems, and the rule that a token travels only in
 * the {@code Authorization} header.
 */
package io.microshop.security;
