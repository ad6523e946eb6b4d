/**
 * The order service: orders, their pricing and the order saga.
 */
package io.microshop.order;
