package io.microshop.messaging;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.api.callback.Callback;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The messaging plumbing of each service that has this module on its class path: the
 * events topic, the outbox and its relay, the inbox, and the dead-letter handling of
 * every listener. The consumer settings every service shares are in
 * {@code microshop-messaging.yml}, which each service imports.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({ EventsProperties.class, OutboxProperties.class, DeadLetterProperties.class })
public class MessagingAutoConfiguration {

	/**
	 * A line for each migration Flyway applies (Flyway's own are turned down, see
	 * {@link MigrationLog}); Boot's Flyway set-up registers every {@code Callback} bean.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Callback.class)
	static class MigrationLogConfiguration {

		@Bean
		MigrationLog migrationLog() {
			return new MigrationLog();
		}

	}

	/**
	 * The producer of the relay and of the dead-letter recoverer. Values are sent as the
	 * strings they were stored as. The safety settings are fixed here rather than left to
	 * each service: every send is acknowledged by all in-sync replicas and written once
	 * per producer session, and a send that Kafka cannot take fails within the relay's
	 * send timeout instead of blocking. Not a default candidate, so that Boot still
	 * provides its own template.
	 * @param producerFactory Boot's producer factory, for the connection settings
	 * @param properties the outbox settings
	 * @return the template
	 */
	@Bean(defaultCandidate = false)
	@SuppressWarnings("unchecked")
	KafkaTemplate<String, String> messagingKafkaTemplate(ProducerFactory<?, ?> producerFactory,
			OutboxProperties properties) {
		int timeout = (int) properties.sendTimeout().toMillis();
		Map<String, Object> overrides = Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout / 2,
				ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout / 2, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
				timeout);
		KafkaTemplate<String, String> template = new KafkaTemplate<>(
				(ProducerFactory<String, String>) (ProducerFactory<?, ?>) producerFactory
					.copyWithConfigurationOverride(overrides));
		// the relay logs a refused event once per round, without its payload
		template.setProducerListener(new ProducerListener<>() {
		});
		// a span for each send, and its trace on the record, for the consumers to
		// continue
		template.setObservationEnabled(true);
		return template;
	}

	/**
	 * How an event's trace is kept in the outbox and continued when it is published: with
	 * the application's tracer, or not at all in an application that does not trace.
	 * @param tracer the tracer, if the application traces
	 * @param json the application's JSON mapper
	 * @return the trace contexts
	 */
	@Bean
	TraceContexts outboxTraceContexts(ObjectProvider<Tracer> tracer, JsonMapper json) {
		return new TraceContexts(tracer.getIfAvailable(() -> Tracer.NOOP), json);
	}

	/**
	 * The builder of the application's event dispatchers, one for each listener: reading
	 * with the application's JSON mapper, in the listener's observation.
	 * @param json the application's JSON mapper
	 * @param observations the observation registry, if the application observes
	 * @return a new builder
	 */
	@Bean
	@Scope("prototype")
	@ConditionalOnMissingBean
	EventDispatcher.Builder eventDispatcherBuilder(JsonMapper json, ObjectProvider<ObservationRegistry> observations,
			HandledEventTypes handledEventTypes) {
		return new EventDispatcher.Builder(json, observations.getIfAvailable(() -> ObservationRegistry.NOOP),
				handledEventTypes);
	}

	@Bean
	HandledEventTypes handledEventTypes() {
		return new HandledEventTypes();
	}

	/**
	 * Observes no delivery of a record whose header names an event type no consumer of
	 * this application acts on: no timer, no span, no trace restored for the two of every
	 * three events a consumer only skips. The dead-letter store observes all it reads.
	 * @param handledEventTypes the types the application's dispatchers act on
	 * @return the predicate
	 */
	@Bean
	ObservationPredicate skippedEventsNotObserved(HandledEventTypes handledEventTypes) {
		return (name,
				context) -> !(context instanceof KafkaRecordReceiverContext receiving
						&& !String.valueOf(receiving.getListenerId()).startsWith(DeadLetterStoreListener.ID)
						&& handledEventTypes.skips(receiving.getRecord()));
	}

	/**
	 * Keeps the spans of events a consumer skipped out of the trace backend: each
	 * consumer reads every event of the topic, and most of them are for the others.
	 * @return the predicate
	 */
	@Bean
	SpanExportingPredicate skippedEventsNotExported() {
		return (span) -> !"true".equals(span.getTags().get(EventDispatcher.SKIPPED));
	}

	@Bean
	OutboxRelay outboxRelay(DataSource dataSource, PlatformTransactionManager transactionManager,
			@Qualifier("messagingKafkaTemplate") KafkaTemplate<String, String> kafka, OutboxProperties properties,
			MeterRegistry meters, TraceContexts traces) {
		return new OutboxRelay(JdbcClient.create(dataSource), new TransactionTemplate(transactionManager), kafka,
				properties, meters, traces);
	}

	@Bean
	Outbox outbox(DataSource dataSource, JsonMapper json, OutboxRelay relay, TraceContexts traces) {
		return new Outbox(JdbcClient.create(dataSource), json, relay::wakeUp, traces);
	}

	@Bean
	DeadLetters deadLetters(DataSource dataSource, PlatformTransactionManager transactionManager, Outbox outbox) {
		return new DeadLetters(JdbcClient.create(dataSource), new TransactionTemplate(transactionManager), outbox);
	}

	@Bean
	DeadLettersEndpoint deadLettersEndpoint(DeadLetters deadLetters) {
		return new DeadLettersEndpoint(deadLetters);
	}

	/**
	 * Gauges an operator alerts on: events waiting in the outbox and the age of the
	 * oldest (both grow while Kafka is unreachable), and dead letters waiting for a
	 * replay.
	 * @param dataSource the service's database
	 * @param deadLetters the dead letters
	 * @return the binder
	 */
	@Bean
	io.micrometer.core.instrument.binder.MeterBinder messagingGauges(DataSource dataSource, DeadLetters deadLetters) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		return (registry) -> {
			Gauge
				.builder("microshop.outbox.waiting",
						() -> jdbc.sql("select count(*) from outbox_events").query(Long.class).single())
				.description("Outbox events not yet acknowledged by Kafka")
				.register(registry);
			Gauge
				.builder("microshop.outbox.oldest.age",
						() -> jdbc
							.sql("select coalesce(extract(epoch from now() - min(created_at)), 0) from outbox_events")
							.query(Double.class)
							.single())
				.description("Age in seconds of the oldest outbox event not yet acknowledged by Kafka")
				.baseUnit("seconds")
				.register(registry);
			Gauge.builder("microshop.dead.letters.waiting", deadLetters::countWaiting)
				.description("Dead letters waiting for a replay")
				.register(registry);
		};
	}

	/**
	 * What a listener does with a record it cannot process: retries it with back-off, or
	 * not at all if it is malformed, then publishes it verbatim to its dead-letter topic
	 * and moves on to the next record. Boot's listener container factory uses it.
	 * @param kafka the template for the dead letters
	 * @param kafkaProperties for the consumer group
	 * @param properties the retry settings
	 * @return the error handler
	 */
	@Bean
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	DefaultErrorHandler deadLetterErrorHandler(@Qualifier("messagingKafkaTemplate") KafkaTemplate<String, String> kafka,
			KafkaProperties kafkaProperties, DeadLetterProperties properties) {
		String groupId = kafkaProperties.getConsumer().getGroupId();
		// A negative partition lets Kafka choose: the dead-letter topic may have fewer
		// partitions than the source
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(DeadLetterProperties.deadLetterTopic(record.topic(), groupId), -1));
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.retries());
		backOff.setInitialInterval(properties.initialInterval().toMillis());
		backOff.setMultiplier(2);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(MalformedMessageException.class, JacksonException.class,
				DeserializationException.class);
		return handler;
	}

	@Bean
	Inbox inbox(DataSource dataSource) {
		return new Inbox(JdbcClient.create(dataSource));
	}

	/**
	 * The events topic, declared by every service so that each can start before the
	 * others created it.
	 * @param properties the topic's settings
	 * @return the topic
	 */
	@Bean
	NewTopic eventsTopic(EventsProperties properties) {
		return TopicBuilder.name(properties.topic())
			.partitions(properties.partitions())
			.replicas(properties.replicas())
			.build();
	}

	/**
	 * The dead-letter topic of this service's consumer group.
	 * @param properties the dead-letter settings
	 * @param events the events topic
	 * @param kafkaProperties for the consumer group
	 * @return the topic
	 */
	@Bean
	NewTopic deadLetterTopic(DeadLetterProperties properties, EventsProperties events,
			KafkaProperties kafkaProperties) {
		return TopicBuilder.name(deadLetterTopic(events, kafkaProperties))
			.partitions(properties.partitions())
			.replicas(properties.replicas())
			.build();
	}

	@Bean
	DeadLetterStore deadLetterStore(DataSource dataSource) {
		return new DeadLetterStore(JdbcClient.create(dataSource));
	}

	/**
	 * The container factory of the dead-letter store's listener: a dead letter that
	 * cannot be stored (the database is down) is retried until it can, never
	 * dead-lettered again.
	 * @param consumerFactory Boot's consumer factory, for the connection settings
	 * @return the factory
	 */
	@Bean
	ConcurrentKafkaListenerContainerFactory<String, String> deadLetterStoreContainerFactory(
			ConsumerFactory<?, ?> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumerFactory.getConfigurationProperties(),
				new StringDeserializer(), new StringDeserializer()));
		factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(2000, FixedBackOff.UNLIMITED_ATTEMPTS)));
		// a dead letter stays in the trace of the record that died
		factory.getContainerProperties().setObservationEnabled(true);
		return factory;
	}

	@Bean
	DeadLetterStoreListener deadLetterStoreListener(DeadLetterStore store, EventsProperties events,
			KafkaProperties kafkaProperties) {
		return new DeadLetterStoreListener(store, List.of(deadLetterTopic(events, kafkaProperties)),
				kafkaProperties.getConsumer().getGroupId() + ".dead-letters");
	}

	private static String deadLetterTopic(EventsProperties events, KafkaProperties kafkaProperties) {
		return DeadLetterProperties.deadLetterTopic(events.topic(), kafkaProperties.getConsumer().getGroupId());
	}

}
