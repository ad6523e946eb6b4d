/**
 * Notifications about order outcomes: what is owed to whom, and whether it went out.
 */
package io.microshop.notification.notifying;
