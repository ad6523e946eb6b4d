package io.microshop.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TestInfrastructureTests {

	@Test
	void postgresIsARealServerOfTheCurrentMajor() throws Exception {
		TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
				postgres.password());
				ResultSet result = connection.createStatement().executeQuery("show server_version")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).startsWith("18.");
		}
	}

	@Test
	void kafkaIsARealBrokerThatHandsBackWhatWasSent() throws Exception {
		String topic = "test-support-" + UUID.randomUUID();
		String bootstrap = TestInfrastructure.kafkaBootstrapServers();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			producer.send(new ProducerRecord<>(topic, "key", "hello")).get();
		}
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, topic,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
			consumer.subscribe(List.of(topic));
			List<String> received = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> received.add(record.value()));
				assertThat(received).containsExactly("hello");
			});
		}
	}

	@Test
	void theServersOutliveTheApplicationContextsThatUsedThem() throws Exception {
		String jdbcUrl;
		String bootstrapServers;
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				TestInfrastructureConfiguration.class)) {
			jdbcUrl = context.getBean(JdbcConnectionDetails.class).getJdbcUrl();
			bootstrapServers = String.join(",", context.getBean(KafkaConnectionDetails.class).getBootstrapServers());
		}
		TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
		assertThat(postgres.jdbcUrl()).isEqualTo(jdbcUrl);
		try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password())) {
			assertThat(connection.isValid(5)).isTrue();
		}
		assertThat(TestInfrastructure.kafkaBootstrapServers()).isEqualTo(bootstrapServers);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			assertThat(admin.describeCluster().nodes().get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotEmpty();
		}
	}

}
