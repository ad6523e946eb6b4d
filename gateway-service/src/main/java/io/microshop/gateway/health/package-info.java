/**
 * The gateway's health: ready once it can route.
 */
package io.microshop.gateway.health;
