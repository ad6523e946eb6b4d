/**
 * The benchmark suite: the local stack measured under load against its own limits (the
 * service without the gateway, the database without the service), with a report in
 * Markdown and JSON.
 */
package io.microshop.benchmarks;
