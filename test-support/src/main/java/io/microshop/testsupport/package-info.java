/**
 * Real PostgreSQL and Kafka for tests: Testcontainers where Docker runs, embedded servers
 * where it does not.
 */
package io.microshop.testsupport;
