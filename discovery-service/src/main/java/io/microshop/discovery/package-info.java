/**
 * Service registry (Eureka server) of the Microshop system.
 */
package io.microshop.discovery;
