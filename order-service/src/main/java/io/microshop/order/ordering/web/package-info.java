/**
 * The orders HTTP API: requests, responses and the problems it answers with.
 */
package io.microshop.order.ordering.web;
