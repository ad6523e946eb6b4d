/**
 * Inventory service: products, prices and stock, and the stock reservations of the order
 * saga.
 */
package io.microshop.inventory;
