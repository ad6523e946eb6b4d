/**
 * Starts the whole system on one machine without Docker: infrastructure first, then
 * discovery, the services and the gateway, each in its own process.
 */
package io.microshop.localstack;
