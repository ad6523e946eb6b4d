package io.microshop.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EventDispatcherTests {

	private final List<Object> handled = new ArrayList<>();

	private final EventDispatcher events = EventDispatcher.reading(JsonMapper.builder().build())
		.on("OrderPlaced", OrderPlaced.class, this.handled::add)
		.on("OrderCancelled", OrderCancelled.class, this.handled::add)
		.build();

	@Test
	void eachEventGoesToTheHandlerOfItsTypeReadIntoItsReaderType() {
		UUID orderId = UUID.randomUUID();

		assertThat(this.events.dispatch("""
				{"type": "OrderPlaced", "orderId": "%s", "lines": 2}""".formatted(orderId))).isTrue();
		assertThat(this.events.dispatch("""
				{"type": "OrderCancelled", "orderId": "%s"}""".formatted(orderId))).isTrue();

		assertThat(this.handled).containsExactly(new OrderPlaced(orderId, 2), new OrderCancelled(orderId));
	}

	@Test
	void aReaderTypeIgnoresTheFieldsItDoesNotNeed() {
		UUID orderId = UUID.randomUUID();

		this.events.dispatch("""
				{"type": "OrderCancelled", "orderId": "%s", "reason": "changed my mind", "v": 2}""".formatted(orderId));

		assertThat(this.handled).containsExactly(new OrderCancelled(orderId));
	}

	@Test
	void anEventOfATypeThisConsumerDoesNotActOnIsSkipped() {
		assertThat(this.events.dispatch("""
				{"type": "StockReserved", "orderId": "%s"}""".formatted(UUID.randomUUID()))).isFalse();

		assertThat(this.handled).isEmpty();
	}

	@Test
	void aRecordWithoutAValueIsMalformed() {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.events.dispatch(null))
			.withMessage("Record without a value");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "{\"type\": \"OrderPlaced\"", "[1, 2]", "\"OrderPlaced\"", "42" })
	void aValueThatIsNotAJsonObjectIsMalformed(String value) {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.events.dispatch(value));
		assertThat(this.handled).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"type\": \"\"}", "{\"type\": null}", "{\"orderId\": \"x\"}" })
	void anEventWithoutATypeIsMalformed(String value) {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.events.dispatch(value))
			.withMessage("Event has no type");
	}

	@Test
	void anEventItsReaderTypeCannotReadIsMalformed() {
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> this.events.dispatch("""
				{"type": "OrderPlaced", "orderId": "not-a-uuid", "lines": 2}"""))
			.withMessageStartingWith("Unreadable OrderPlaced");
		assertThat(this.handled).isEmpty();
	}

	@Test
	void aHandlerMayRefuseAnEventThatLacksWhatItNeeds() {
		EventDispatcher strict = EventDispatcher.reading(JsonMapper.builder().build())
			.on("OrderCancelled", OrderCancelled.class, (event) -> {
				if (event.orderId() == null) {
					throw new MalformedMessageException("Event has no orderId");
				}
			})
			.build();

		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> strict.dispatch("{\"type\": \"OrderCancelled\"}"))
			.withMessage("Event has no orderId");
	}

	@Test
	void aTypeHasOneHandler() {
		assertThatIllegalStateException().isThrownBy(() -> EventDispatcher.reading(JsonMapper.builder().build())
			.on("OrderPlaced", OrderPlaced.class, (event) -> {
			})
			.on("OrderPlaced", OrderCancelled.class, (event) -> {
			}));
	}

	record OrderPlaced(UUID orderId, int lines) {
	}

	record OrderCancelled(UUID orderId) {
	}

}
