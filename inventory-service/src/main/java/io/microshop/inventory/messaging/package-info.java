/**
 * Kafka translation only: reads order events into stock use cases and writes stock events
 * to the outbox.
 */
package io.microshop.inventory.messaging;
