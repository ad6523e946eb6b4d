/**
 * What the gateway and the services share to be observed: tracing settings and the trace
 * id on every response.
 */
package io.microshop.observability;
