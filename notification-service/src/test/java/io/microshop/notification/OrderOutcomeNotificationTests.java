package io.microshop.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.micrometer.core.instrument.MeterRegistry;
import io.microshop.messaging.EventsProperties;
import io.microshop.messaging.MalformedMessageException;
import io.microshop.testsupport.ListenerDeliveries;
import io.microshop.testsupport.TopicProbe;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on real PostgreSQL, Kafka and SMTP (GreenMail): order events written
 * to the events topic as order-service writes them, notifications read back through the
 * HTTP API and emails from the mail server. Every test uses its own order ids and
 * recipients, since the broker and the database are shared.
 */
@NotificationServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OrderOutcomeNotificationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/**
	 * A line logged at WARN or ERROR, in Spring Boot's console format.
	 */
	@Autowired
	private RestTestClient client;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private GreenMail mailServer;

	@Autowired
	private EventsProperties events;

	@Value("${spring.kafka.consumer.group-id}")
	private String group;

	private TopicProbe topic;

	private ListenerDeliveries deliveries;

	@BeforeEach
	void openProbe() {
		this.topic = new TopicProbe(this.events.topic(), this.group);
		this.deliveries = new ListenerDeliveries(this.meters);
	}

	@AfterEach
	void closeProbe() {
		this.topic.close();
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
	void redeliveredEventCreatesNoSecondNotificationAndSendsNoSecondEmailQuietly(CapturedOutput output) {
		UUID orderId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		String customer = customer("redelivered");
		long successesBefore = this.deliveries.succeeded();
		long failuresBefore = this.deliveries.failed();
		int logStart = output.getAll().length();

		publish(orderId, confirmed(eventId, orderId, customer));
		awaitNotifications(orderId, "SENT");
		RecordMetadata redelivery = publish(orderId, confirmed(eventId, orderId, customer));
		this.topic.awaitConsumed(redelivery);

		String logged = output.getAll().substring(logStart);
		// the same key keeps this on the same partition, so it is handled after the copy
		publish(orderId, cancelled(UUID.randomUUID(), orderId, customer));
		assertThat(awaitNotifications(orderId, "SENT", "SENT")).extracting(NotificationJson::type)
			.containsExactly("ORDER_CONFIRMED", "ORDER_CANCELLED");
		assertThat(emailsTo(customer)).extracting(MimeMessage::getSubject)
			.containsExactlyInAnyOrder(subject(orderId, "confirmed"), subject(orderId, "cancelled"));
		// quietly: neither dead-lettered, nor failed and retried, nor logged as a problem
		// (the unique event id of the notifications would refuse a second one, but as a
		// failure on its way to the dead-letter topic)
		assertSoftly((softly) -> {
			softly.assertThat(this.topic.deadLetters(orderId)).as("dead letters").isEmpty();
			softly.assertThat(this.deliveries.failed() - failuresBefore).as("failed deliveries").isZero();
			softly.assertThat(this.deliveries.succeeded() - successesBefore)
				.as("successful deliveries")
				.isGreaterThanOrEqualTo(2);
			softly.assertThat(ListenerDeliveries.warningsAndErrors(logged)).as("warnings and errors logged").isEmpty();
		});
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
		this.mailServer.stop();
		try {
			publish(orderId, rejected(UUID.randomUUID(), orderId, customer("smtp-down")));
			awaitNotifications(orderId, "FAILED");
		}
		finally {
			this.mailServer.start();
		}

		UUID nextOrderId = UUID.randomUUID();
		String nextCustomer = customer("after-smtp-down");
		publish(nextOrderId, cancelled(UUID.randomUUID(), nextOrderId, nextCustomer));

		awaitNotifications(nextOrderId, "SENT");
		assertThat(emailsTo(nextCustomer)).hasSize(1);
	}

	@Test
	void malformedRecordsAreDeadLetteredWithoutRetriesAndTheNextRecordIsProcessed() {
		UUID orderId = UUID.randomUUID();
		String notJson = "{\"type\": \"OrderConfirmed\", broken " + orderId;
		// valid JSON, but without the eventId and customerEmail an OrderCancelled needs
		String incomplete = "{\"type\": \"OrderCancelled\", \"orderId\": \"%s\"}".formatted(orderId);
		long failuresBefore = this.deliveries.failed();

		publish(orderId, notJson);
		publish(orderId, null);
		publish(orderId, incomplete);
		publish(orderId, cancelled(UUID.randomUUID(), orderId, customer("after-malformed")));

		assertThat(awaitNotifications(orderId, "SENT")).extracting(NotificationJson::type)
			.containsExactly("ORDER_CANCELLED");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.topic.deadLetters(orderId)).extracting(ConsumerRecord::value)
				.containsExactly(notJson, null, incomplete));
		// one failed attempt each: a retried record fails 3 times before it is
		// dead-lettered
		assertThat(this.deliveries.failed() - failuresBefore).isEqualTo(3);
		// and listed for the operator, with why each died
		assertThat(awaitWaitingDeadLetter(orderId, notJson).errorClass())
			.isEqualTo(MalformedMessageException.class.getName());
		assertThat(awaitWaitingDeadLetter(orderId, null).errorClass())
			.isEqualTo(MalformedMessageException.class.getName());
		DeadLetterJson deadLetter = awaitWaitingDeadLetter(orderId, incomplete);
		assertThat(deadLetter.errorClass()).isEqualTo(MalformedMessageException.class.getName());
		assertThat(deadLetter.errorMessage()).contains("eventId");
		assertThat(deadLetter.key()).isEqualTo(orderId.toString());
	}

	@Test
	void recordThatFailsUntilTheCauseIsFixedIsRetriedThenDeadLetteredAndItsReplayNotifiesOnce() {
		UUID orderId = UUID.randomUUID();
		String customer = customer("refused");
		String event = cancelled(UUID.randomUUID(), orderId, customer);
		String constraint = "refuse_" + orderId.toString().replace('-', '_');
		long failuresBefore = this.deliveries.failed();
		DeadLetterJson deadLetter;
		// the database refuses this customer's notification until the constraint goes
		this.jdbc
			.sql("alter table notification.notifications add constraint %s check (recipient <> '%s')"
				.formatted(constraint, customer))
			.update();
		try {
			publish(orderId, event);
			deadLetter = awaitWaitingDeadLetter(orderId, event);
		}
		finally {
			this.jdbc.sql("alter table notification.notifications drop constraint " + constraint).update();
		}
		// the first attempt and 2 retries; a rebalance during the retries (seen in CI:
		// the
		// partition moved to another consumer thread after the first attempt) starts the
		// count again on the partition's new owner, so at least that many
		await().atMost(TIMEOUT).until(() -> this.deliveries.failed() >= failuresBefore + 3);
		assertThat(deadLetter.errorClass()).isNotEqualTo(MalformedMessageException.class.getName());
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
	 * this value (and this test's key, for a record without a value).
	 */
	private DeadLetterJson awaitWaitingDeadLetter(UUID orderId, String value) {
		return await().atMost(TIMEOUT)
			.until(() -> waitingDeadLetters().stream()
				.filter((deadLetter) -> orderId.toString().equals(deadLetter.key())
						&& Objects.equals(value, deadLetter.payload()))
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

	private List<MimeMessage> emailsTo(String recipient) {
		return Arrays.stream(this.mailServer.getReceivedMessages()).filter((email) -> isTo(email, recipient)).toList();
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

	private RecordMetadata publish(UUID orderId, String value) {
		return this.topic.send(orderId, value);
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
