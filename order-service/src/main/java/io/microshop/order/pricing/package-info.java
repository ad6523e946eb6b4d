/**
 * Prices of order lines, looked up in inventory-service through a load-balanced HTTP
 * service client.
 */
package io.microshop.order.pricing;
