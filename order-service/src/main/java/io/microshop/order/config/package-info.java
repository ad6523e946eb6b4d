/**
 * Typed configuration properties of the order service.
 */
package io.microshop.order.config;
