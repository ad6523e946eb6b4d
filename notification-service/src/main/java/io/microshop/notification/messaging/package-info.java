/**
 * Reads order events from Kafka and translates them into order outcomes; no business
 * rules here.
 */
package io.microshop.notification.messaging;
