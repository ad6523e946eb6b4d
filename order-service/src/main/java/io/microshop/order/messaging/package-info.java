/**
 * Kafka: writes the orders' events to the outbox for the events topic and turns
 * inventory's stock events, read from it, into use cases. Translation only; the rules
 * live in the ordering package.
 */
package io.microshop.order.messaging;
