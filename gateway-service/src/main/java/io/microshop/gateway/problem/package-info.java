/**
 * RFC 9457 problem responses for failures of the gateway itself (no route, no instance,
 * timeouts).
 */
package io.microshop.gateway.problem;
