package io.microshop.localstack;

/**
 * Where the services find their infrastructure.
 *
 * @param jdbcUrl the JDBC URL of the database that holds the services' schemas (without
 * credentials: each service connects with its own role)
 * @param kafkaBootstrapServers the Kafka bootstrap servers
 * @param smtpHost the SMTP server's host
 * @param smtpPort the SMTP server's port
 */
public record Endpoints(String jdbcUrl, String kafkaBootstrapServers, String smtpHost, int smtpPort) {

}
