package io.microshop.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.microshop.testidentity.AsTheAdmin;
import io.microshop.testsupport.ImportTestInfrastructure;
import io.microshop.testsupport.TestInfrastructure;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on real PostgreSQL, Kafka and SMTP (GreenMail): order events written
 * to {@code order-events} as order-service writes them, notifications read back through
 * the HTTP API and emails from the mail server. Every test uses its own order ids and
 * recipients, since the broker and the database are shared.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "eureka.client.enabled=false", "microshop.dead-letters.retries=2",
				"microshop.dead-letters.initial-interval=100ms" })
@ImportTestInfrastructure
@AutoConfigureRestTestClient
@Import(AsTheAdmin.class)
class OrderOutcomeNotificationTests {

	private static final String TOPIC = "order-events";

	private static final String DEAD_LETTER_TOPIC = "order-events.notification-service.dlt";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	// A fixed port, so that the mail server can be stopped and started again where the
	// application context expects it
	private static final int SMTP_PORT = freePort();

	@RegisterExtension
	static final GreenMailExtension mailServer = new GreenMailExtension(
			new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withPerMethodLifecycle(false);

	private static KafkaProducer<String, String> producer;

	@Autowired
	private RestTestClient client;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void mailServerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@BeforeAll
	static void createProducer() {
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestInfrastructure.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
				new StringSerializer());
	}

	@AfterAll
	static void closeProducer() {
		producer.close();
	}

	@Test
	void confirmedOrderGetsOneSentNotificationAndOneEmail() throws Exception {
		UUID orderId = UUID.randomUUID();
		String customer = customer("confirmed");

		publish(orderId, confirmed(UUID.randomUUID(), orderId, customer));

		NotificationJson notification = awaitNotifications(orderId, "SENT").get(0);
		assertThat(notification.type()).isEqualTo("ORDER_CONFIRMED");
		assertThat(notification.recipient()).isEqualTo(customer);
		assertThat(notification.channel()).isEqualTo("EMAIL");
		assertThat(notification.subject()).isEqualTo(subject(orderId, "confirmed"));
		List<MimeMessage> emails = emailsTo(customer);
		assertThat(emails).hasSize(1);
		assertThat(emails.get(0).getSubject()).isEqualTo(subject(orderId, "confirmed"));
		assertThat(emails.get(0).getContent().toString()).contains(orderId.toString(), "confirmed", "59.98");
	}

	@ParameterizedTest
	@CsvSource({ "INSUFFICIENT_STOCK, Some items are not in stock in the quantity you ordered.",
			"RESERVATION_TIMED_OUT, It could not be confirmed in time." })
	void rejectedOrderEmailSaysWhyInWords(String reason, String why) throws Exception {
		UUID orderId = UUID.randomUUID();
		String customer = customer("rejected");

		publish(orderId, rejected(UUID.randomUUID(), orderId, customer, reason));

		assertThat(awaitNotifications(orderId, "SENT")).extracting(NotificationJson::type)
			.containsExactly("ORDER_REJECTED");
		assertThat(emailsTo(customer)).singleElement().satisfies((email) -> {
			assertThat(email.getSubject()).isEqualTo(subject(orderId, "rejected"));
			assertThat(email.getContent().toString()).contains(why).doesNotContain(reason);
		});
	}

	@Test
	void cancelledOrderAfterConfirmationGetsASecondNotificationOldestFirst() {
		UUID orderId = UUID.randomUUID();
		String customer = customer("cancelled");

		publish(orderId, confirmed(UUID.randomUUID(), orderId, customer));
		publish(orderId, cancelled(UUID.randomUUID(), orderId, customer));

		assertThat(awaitNotifications(orderId, "SENT", "SENT")).extracting(NotificationJson::type)
			.containsExactly("ORDER_CONFIRMED", "ORDER_CANCELLED");
		assertThat(emailsTo(customer)).extracting(MimeMessage::getSubject)
			.containsExactlyInAnyOrder(subject(orderId, "confirmed"), subject(orderId, "cancelled"));
	}

	@Test
	void redeliveredEventCreatesNoSecondNotificationAndSendsNoSecondEmail() {
		UUID orderId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		String customer = customer("redelivered");
		publish(orderId, confirmed(eventId, orderId, customer));
		awaitNotifications(orderId, "SENT");

		publish(orderId, confirmed(eventId, orderId, customer));
		// the same key keeps this on the same partition, so it is handled after the copy
		publish(orderId, cancelled(UUID.randomUUID(), orderId, customer));

		assertThat(awaitNotifications(orderId, "SENT", "SENT")).extracting(NotificationJson::type)
			.containsExactly("ORDER_CONFIRMED", "ORDER_CANCELLED");
		assertThat(emailsTo(customer)).extracting(MimeMessage::getSubject)
			.containsExactlyInAnyOrder(subject(orderId, "confirmed"), subject(orderId, "cancelled"));
	}

	@Test
	void eventsThatCallForNoNotificationAreSkipped() {
		UUID orderId = UUID.randomUUID();
		String customer = customer("skipped");

		publish(orderId,
				event(UUID.randomUUID(), "OrderPlaced", orderId,
						"\"customerEmail\": \"%s\", \"lines\": [{\"sku\": \"MUG-1\", \"quantity\": 1}], \"total\": 9.99"
							.formatted(customer)));
		publish(orderId, event(UUID.randomUUID(), "StockReserved", orderId, null));
		publish(orderId, cancelled(UUID.randomUUID(), orderId, customer));

		assertThat(awaitNotifications(orderId, "SENT")).extracting(NotificationJson::type)
			.containsExactly("ORDER_CANCELLED");
	}

	@Test
	void unreachableMailServerFailsTheNotificationAndTheConsumerGoesOn() {
		UUID orderId = UUID.randomUUID();
		mailServer.stop();
		try {
			publish(orderId, rejected(UUID.randomUUID(), orderId, customer("smtp-down")));
			awaitNotifications(orderId, "FAILED");
		}
		finally {
			mailServer.start();
		}

		UUID nextOrderId = UUID.randomUUID();
		String nextCustomer = customer("after-smtp-down");
		publish(nextOrderId, cancelled(UUID.randomUUID(), nextOrderId, nextCustomer));

		awaitNotifications(nextOrderId, "SENT");
		assertThat(emailsTo(nextCustomer)).hasSize(1);
	}

	@Test
	void malformedRecordGoesToTheDeadLetterTopicWithoutRetriesAndTheNextRecordIsProcessed() {
		UUID orderId = UUID.randomUUID();
		String malformed = "{\"type\": \"OrderConfirmed\", broken " + orderId;
		long failuresBefore = listenerFailures();

		publish(orderId, malformed);
		publish(orderId, cancelled(UUID.randomUUID(), orderId, customer("after-malformed")));

		awaitNotifications(orderId, "SENT");
		ConsumerRecord<String, String> deadLetter = awaitDeadLetter(malformed);
		assertThat(deadLetter.key()).isEqualTo(orderId.toString());
		assertThat(deadLetter.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN).value())
			.asString(StandardCharsets.UTF_8)
			.endsWith("MalformedEventException");
		// a retried record would have failed 3 times before it was dead-lettered
		await().atMost(TIMEOUT).until(() -> listenerFailures() > failuresBefore);
		assertThat(listenerFailures()).isEqualTo(failuresBefore + 1);
	}

	@Test
	void deadLetterIsListedOverHttpAndReplayedToTheTopicOnce() {
		UUID orderId = UUID.randomUUID();
		// valid JSON, but without the eventId and customerEmail an OrderCancelled needs
		String poison = "{\"type\": \"OrderCancelled\", \"orderId\": \"%s\"}".formatted(orderId);
		long failuresBefore = listenerFailures();

		publish(orderId, poison);
		publish(orderId, cancelled(UUID.randomUUID(), orderId, customer("after-poison")));

		DeadLetterJson deadLetter = awaitWaitingDeadLetter(poison);
		await().atMost(TIMEOUT).until(() -> listenerFailures() > failuresBefore);
		assertThat(listenerFailures()).as("attempts at the poison record").isEqualTo(failuresBefore + 1);
		assertThat(deadLetter.sourceTopic()).isEqualTo(TOPIC);
		assertThat(deadLetter.key()).isEqualTo(orderId.toString());
		assertThat(deadLetter.errorClass()).endsWith("MalformedEventException");
		assertThat(deadLetter.errorMessage()).contains("eventId");
		assertThat(deadLetter.replayedAt()).isNull();
		assertThat(awaitNotifications(orderId, "SENT")).extracting(NotificationJson::type)
			.containsExactly("ORDER_CANCELLED");

		DeadLetterJson replayed = replay(deadLetter.id()).expectStatus()
			.isOk()
			.expectBody(DeadLetterJson.class)
			.returnResult()
			.getResponseBody();
		assertThat(replayed.id()).isEqualTo(deadLetter.id());
		assertThat(replayed.replayedAt()).isNotNull();
		replay(deadLetter.id()).expectStatus().isNotFound();

		// The replay went back to order-events: still malformed, it is dead-lettered
		// again, now from its new place on the same partition
		DeadLetterJson again = awaitWaitingDeadLetter(poison);
		assertThat(again.id()).isNotEqualTo(deadLetter.id());
		assertThat(again.sourcePartition()).isEqualTo(deadLetter.sourcePartition());
		assertThat(again.sourceOffset()).isGreaterThan(deadLetter.sourceOffset());
		assertThat(notificationsOf(orderId)).hasSize(1);
	}

	@Test
	void recordThatFailsUntilTheCauseIsFixedIsRetriedThenDeadLetteredAndItsReplayNotifiesOnce() {
		UUID orderId = UUID.randomUUID();
		String customer = customer("refused");
		String event = cancelled(UUID.randomUUID(), orderId, customer);
		String constraint = "refuse_" + orderId.toString().replace('-', '_');
		long failuresBefore = listenerFailures();
		DeadLetterJson deadLetter;
		// the database refuses this customer's notification until the constraint goes
		this.jdbc
			.sql("alter table notification.notifications add constraint %s check (recipient <> '%s')"
				.formatted(constraint, customer))
			.update();
		try {
			publish(orderId, event);
			deadLetter = awaitWaitingDeadLetter(event);
		}
		finally {
			this.jdbc.sql("alter table notification.notifications drop constraint " + constraint).update();
		}
		// the first attempt and 2 retries; a rebalance during the retries (seen in CI:
		// the
		// partition moved to another consumer thread after the first attempt) starts the
		// count again on the partition's new owner, so at least that many
		await().atMost(TIMEOUT).until(() -> listenerFailures() >= failuresBefore + 3);
		assertThat(deadLetter.errorClass()).doesNotEndWith("MalformedEventException");
		assertThat(deadLetter.errorMessage()).contains(constraint);
		assertThat(notificationsOf(orderId)).isEmpty();

		replay(deadLetter.id()).expectStatus().isOk();

		assertThat(awaitNotifications(orderId, "SENT")).extracting(NotificationJson::type)
			.containsExactly("ORDER_CANCELLED");
		assertThat(emailsTo(customer)).hasSize(1);
		replay(deadLetter.id()).expectStatus().isNotFound();
	}

	@Test
	void orderWithoutNotificationsHasAnEmptyPage() {
		this.client.get()
			.uri("/api/notifications?orderId={id}", UUID.randomUUID())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content")
			.isEmpty()
			.jsonPath("$.page.totalElements")
			.isEqualTo(0);
	}

	private List<NotificationJson> awaitNotifications(UUID orderId, String... statuses) {
		return await().atMost(TIMEOUT)
			.until(() -> notificationsOf(orderId),
					(notifications) -> notifications.stream()
						.map(NotificationJson::status)
						.toList()
						.equals(List.of(statuses)));
	}

	/**
	 * Waits until the dead-letter endpoint lists exactly one waiting dead letter with
	 * this value.
	 */
	private DeadLetterJson awaitWaitingDeadLetter(String value) {
		return await().atMost(TIMEOUT)
			.until(() -> waitingDeadLetters().stream()
				.filter((deadLetter) -> value.equals(deadLetter.payload()))
				.toList(), (deadLetters) -> deadLetters.size() == 1)
			.get(0);
	}

	private List<DeadLetterJson> waitingDeadLetters() {
		return this.client.get()
			.uri("/actuator/deadletters")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(DeadLettersJson.class)
			.returnResult()
			.getResponseBody()
			.deadLetters();
	}

	private RestTestClient.ResponseSpec replay(long deadLetterId) {
		return this.client.post().uri("/actuator/deadletters/{id}", deadLetterId).exchange();
	}

	/**
	 * How often the order-events listener has thrown, one count per attempt at a record.
	 */
	private long listenerFailures() {
		return this.meters.find("spring.kafka.listener")
			.tag("result", "failure")
			.timers()
			.stream()
			.filter((timer) -> !timer.getId().getTag("name").startsWith("dead-letter-store"))
			.mapToLong(Timer::count)
			.sum();
	}

	private List<NotificationJson> notificationsOf(UUID orderId) {
		return this.client.get()
			.uri("/api/notifications?orderId={id}", orderId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(NotificationPage.class)
			.returnResult()
			.getResponseBody()
			.content();
	}

	private static List<MimeMessage> emailsTo(String recipient) {
		return Arrays.stream(mailServer.getReceivedMessages()).filter((email) -> isTo(email, recipient)).toList();
	}

	private static boolean isTo(MimeMessage email, String recipient) {
		try {
			Address[] recipients = email.getAllRecipients();
			return recipients != null && Arrays.stream(recipients).anyMatch((to) -> to.toString().equals(recipient));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ConsumerRecord<String, String> awaitDeadLetter(String value) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(DEAD_LETTER_TOPIC));
			List<ConsumerRecord<String, String>> seen = new ArrayList<>();
			return await().atMost(TIMEOUT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
				return seen.stream().filter((record) -> value.equals(record.value())).findFirst().orElse(null);
			}, (record) -> record != null);
		}
	}

	private static void publish(UUID orderId, String value) {
		try {
			producer.send(new ProducerRecord<>(TOPIC, orderId.toString(), value)).get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not publish to " + TOPIC, ex);
		}
	}

	private static String confirmed(UUID eventId, UUID orderId, String customer) {
		return event(eventId, "OrderConfirmed", orderId,
				"\"customerEmail\": \"%s\", \"total\": 59.98".formatted(customer));
	}

	private static String rejected(UUID eventId, UUID orderId, String customer) {
		return rejected(eventId, orderId, customer, "INSUFFICIENT_STOCK");
	}

	private static String rejected(UUID eventId, UUID orderId, String customer, String reason) {
		return event(eventId, "OrderRejected", orderId,
				"\"customerEmail\": \"%s\", \"reason\": \"%s\"".formatted(customer, reason));
	}

	private static String cancelled(UUID eventId, UUID orderId, String customer) {
		return event(eventId, "OrderCancelled", orderId, "\"customerEmail\": \"%s\"".formatted(customer));
	}

	private static String event(UUID eventId, String type, UUID orderId, String extraFields) {
		String common = "\"eventId\": \"%s\", \"type\": \"%s\", \"occurredAt\": \"%s\", \"orderId\": \"%s\""
			.formatted(eventId, type, Instant.now(), orderId);
		return "{" + common + ((extraFields != null) ? ", " + extraFields : "") + "}";
	}

	private static String customer(String name) {
		return name + "-" + UUID.randomUUID() + "@example.com";
	}

	private static String subject(UUID orderId, String status) {
		return "Order " + orderId.toString().substring(0, 8) + "\u2026 " + status;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record NotificationJson(UUID id, UUID orderId, String type, String recipient, String channel, String status,
			String subject, Instant createdAt) {

	}

	record NotificationPage(List<NotificationJson> content, Map<String, Object> page) {

	}

	record DeadLetterJson(long id, String sourceTopic, int sourcePartition, long sourceOffset, String key,
			String payload, String errorClass, String errorMessage, Instant deadAt, Instant replayedAt) {

	}

	record DeadLettersJson(long waiting, long replayed, List<DeadLetterJson> deadLetters) {

	}

}
