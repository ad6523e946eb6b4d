/**
 * API gateway (Spring Cloud Gateway on WebFlux) of the Microshop system.
 */
package io.microshop.gateway;
