/**
 * An identity provider for integration tests: tokens shaped like the realm's, signed with
 * a real key whose JWK Set the resource servers fetch over HTTP, so that every check of a
 * token runs as in production.
 */
package io.microshop.testidentity;
