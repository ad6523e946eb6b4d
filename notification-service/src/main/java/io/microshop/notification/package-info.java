/**
 * The notification service: one notification, and one email, per order outcome.
 */
package io.microshop.notification;
