/**
 * Messaging shared by the services: the transactional outbox with its relay to Kafka, and
 * dead letters that an operator can list and replay. See docs/adr/0004.
 */
package io.microshop.messaging;
