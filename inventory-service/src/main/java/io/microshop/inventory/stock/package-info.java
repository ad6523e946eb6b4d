/**
 * Products and their stock: the catalogue, restocking and the all-or-nothing reservation
 * of stock for orders.
 */
package io.microshop.inventory.stock;
