/**
 * API v2's abuse limits: each token's subject (each client address, without a token) may
 * send so many requests per second, counted in Redis, so that every gateway instance
 * counts against the same limit (ADR 0011).
 */
package io.microshop.gateway.ratelimit;
