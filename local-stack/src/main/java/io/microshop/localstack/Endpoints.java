package io.microshop.localstack;

/**
 * Where the services find their infrastructure.
 *
 * @param jdbcUrl the JDBC URL of the database that holds the services' schemas (without
 * credentials: each service connects with its own role)
 * @param kafkaBootstrapServers the Kafka bootstrap servers
 * @param smtpHost the SMTP server's host
 * @param smtpPort the SMTP server's port
 * @param jwkSetUri where the resource servers fetch the identity provider's signing keys
 * @param tokenUri the identity provider's token endpoint, where the launcher and tests
 * get tokens
 * @param rateLimitStorePort the loopback port of the gateway's rate limit store (Redis)
 * @param spanEndpoint where the gateway and the services send their spans (Zipkin's
 * {@code /api/v2/spans})
 */
public record Endpoints(String jdbcUrl, String kafkaBootstrapServers, String smtpHost, int smtpPort, String jwkSetUri,
		String tokenUri, int rateLimitStorePort, String spanEndpoint) {

}
