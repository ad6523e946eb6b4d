/**
 * The HTTP API that lists the notifications of an order.
 */
package io.microshop.notification.notifying.web;
