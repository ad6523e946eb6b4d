/**
 * Kafka: publishes the orders' events to {@code order-events} and turns inventory's stock
 * events into use cases. Translation only; the rules live in the ordering package.
 */
package io.microshop.order.messaging;
