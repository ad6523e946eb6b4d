/**
 * How the gateway and the services find and call each other: the Eureka and LoadBalancer
 * settings ({@code microshop-discovery.yml}) and the per-instance breakers that take an
 * instance which stops answering out of every load balancer's choice
 * ({@link io.microshop.discovery.InstanceBreakers}).
 */
package io.microshop.discovery;
