/**
 * End-to-end tests: the whole system, driven through the gateway only.
 */
package io.microshop.e2e;
