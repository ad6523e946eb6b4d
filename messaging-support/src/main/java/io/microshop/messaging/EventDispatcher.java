package io.microshop.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Hands each event read from a topic to the handler of its type. The events of a topic
 * are JSON objects that name their type in a {@code "type"} field; each consumer
 * registers the types it acts on, each read into a reader type of its own (a tolerant
 * reader: only the fields it needs), and skips the others, which are there for other
 * consumers.
 * <p>
 * One policy for a record that can never be processed, whatever the retries: no value,
 * not a JSON object, no type, or a value its type's reader cannot read is a
 * {@link MalformedMessageException}, which the error handler sends to the dead-letter
 * topic at once. Nothing is skipped silently.
 * <p>
 * In an application, build it from the {@link Builder} bean that messaging-support
 * provides: it reads with the application's JSON mapper and names each event's type in
 * the listener's span, and it marks the span of an event this consumer skips, so that the
 * span is not exported ({@link #SKIPPED}): every consumer reads every event of the topic,
 * and a trace shows the consumers that acted on its events, not all those that read them.
 * Its types are known to the application ({@link HandledEventTypes}), so that an event
 * whose record header names another type is not even observed.
 *
 * <pre class="code">
 * EventDispatcher events = builder
 * 	.on("StockReserved", StockReserved.class, (event) -&gt; orders.confirm(event.eventId(), event.orderId()))
 * 	.on("StockRejected", StockRejected.class, (event) -&gt; orders.reject(...))
 * 	.build();
 * events.dispatch(record.value());
 * </pre>
 */
public final class EventDispatcher {

	/**
	 * The span tag that names the type of the event a listener read.
	 */
	public static final String EVENT_TYPE = "microshop.event.type";

	/**
	 * The span tag that marks the span of an event a consumer skipped: such spans are not
	 * exported.
	 */
	public static final String SKIPPED = "microshop.event.skipped";

	private static final Logger logger = LoggerFactory.getLogger(EventDispatcher.class);

	private final JsonMapper json;

	private final ObservationRegistry observations;

	private final Map<String, Handler<?>> handlers;

	private EventDispatcher(JsonMapper json, ObservationRegistry observations, Map<String, Handler<?>> handlers) {
		this.json = json;
		this.observations = observations;
		this.handlers = Map.copyOf(handlers);
	}

	/**
	 * Starts a dispatcher that reads events with the given mapper, outside any
	 * observation. An application injects the {@link Builder} bean instead.
	 * @param json the JSON mapper
	 * @return a builder to register the handled types with
	 */
	public static Builder reading(JsonMapper json) {
		return new Builder(json, ObservationRegistry.NOOP, new HandledEventTypes());
	}

	/**
	 * Reads one record value and hands it to the handler of its type.
	 * @param value the record value
	 * @return {@code true} if a handler took it, {@code false} for a type this consumer
	 * does not act on
	 * @throws MalformedMessageException if the value is not an event of a readable type
	 */
	public boolean dispatch(String value) {
		JsonNode event = parse(value);
		String type = event.path("type").asString("");
		if (type.isEmpty()) {
			throw new MalformedMessageException("Event has no type");
		}
		Handler<?> handler = this.handlers.get(type);
		Observation listening = this.observations.getCurrentObservation();
		if (listening != null) {
			listening.highCardinalityKeyValue(EVENT_TYPE, type);
		}
		if (handler == null) {
			logger.trace("Skipping an event of type '{}', which this consumer does not act on", type);
			if (listening != null) {
				listening.highCardinalityKeyValue(SKIPPED, "true");
			}
			return false;
		}
		handler.handle(this.json, event);
		return true;
	}

	private JsonNode parse(String value) {
		if (value == null) {
			throw new MalformedMessageException("Record without a value");
		}
		JsonNode event;
		try {
			event = this.json.readTree(value);
		}
		catch (JacksonException ex) {
			throw new MalformedMessageException("Event is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (event == null || !event.isObject()) {
			throw new MalformedMessageException("Event is not a JSON object");
		}
		return event;
	}

	/**
	 * Registers the event types a consumer acts on.
	 */
	public static final class Builder {

		private final JsonMapper json;

		private final ObservationRegistry observations;

		private final HandledEventTypes handledTypes;

		private final Map<String, Handler<?>> handlers = new LinkedHashMap<>();

		Builder(JsonMapper json, ObservationRegistry observations, HandledEventTypes handledTypes) {
			Assert.notNull(json, "A JSON mapper is required");
			this.json = json;
			this.observations = observations;
			this.handledTypes = handledTypes;
		}

		/**
		 * Acts on the events of a type.
		 * @param <T> the reader type
		 * @param type the value of the events' {@code "type"} field
		 * @param readerType what the event is read into
		 * @param handler what is done with it; it may throw
		 * {@link MalformedMessageException} for an event that lacks what it needs
		 * @return this builder
		 */
		public <T> Builder on(String type, Class<T> readerType, Consumer<? super T> handler) {
			Assert.hasText(type, "An event type is required");
			Assert.state(!this.handlers.containsKey(type), () -> "Events of type '" + type + "' are handled already");
			this.handlers.put(type, new Handler<>(readerType, handler));
			return this;
		}

		/**
		 * Builds the dispatcher.
		 * @return a dispatcher of the registered types
		 */
		public EventDispatcher build() {
			this.handledTypes.addAll(this.handlers.keySet());
			return new EventDispatcher(this.json, this.observations, this.handlers);
		}

	}

	private record Handler<T>(Class<T> readerType, Consumer<? super T> action) {

		void handle(JsonMapper json, JsonNode event) {
			T read;
			try {
				read = json.treeToValue(event, this.readerType);
			}
			catch (JacksonException ex) {
				throw new MalformedMessageException(
						"Unreadable " + this.readerType.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
			}
			this.action.accept(read);
		}

	}

}
