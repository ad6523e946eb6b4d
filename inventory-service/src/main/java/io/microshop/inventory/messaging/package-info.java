/**
 * Kafka translation only: reads order events into stock use cases and publishes stock
 * events after commit.
 */
package io.microshop.inventory.messaging;
