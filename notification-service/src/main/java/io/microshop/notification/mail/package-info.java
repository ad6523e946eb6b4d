/**
 * Sends recorded notifications as plain-text email over SMTP once they are committed.
 */
package io.microshop.notification.mail;
