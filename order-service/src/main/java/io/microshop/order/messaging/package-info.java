/**
 * Kafka: writes the orders' events to the outbox for {@code order-events} and turns
 * inventory's stock events into use cases. Translation only; the rules live in the
 * ordering package.
 */
package io.microshop.order.messaging;
