/**
 * Orders: the aggregate, its events and the transactional use cases of the order saga.
 */
package io.microshop.order.ordering;
