package io.microshop.discovery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts every state transition of every breaker in the registry, in
 * {@value #TRANSITIONS} by breaker and states: Resilience4j's own metrics give each
 * breaker's current state, which a scrape every few seconds can miss while a breaker is
 * half-open for the length of one probe call.
 */
class BreakerTransitions {

	static final String TRANSITIONS = "microshop.circuitbreaker.transitions";

	private final MeterRegistry meters;

	BreakerTransitions(CircuitBreakerRegistry registry, MeterRegistry meters) {
		this.meters = meters;
		registry.getAllCircuitBreakers().forEach(this::count);
		registry.getEventPublisher().onEntryAdded((added) -> count(added.getAddedEntry()));
	}

	private void count(CircuitBreaker breaker) {
		breaker.getEventPublisher()
			.onStateTransition((event) -> Counter.builder(TRANSITIONS)
				.description("State transitions of a circuit breaker")
				.tag("name", breaker.getName())
				.tag("from", event.getStateTransition().getFromState().name().toLowerCase())
				.tag("to", event.getStateTransition().getToState().name().toLowerCase())
				.register(this.meters)
				.increment());
	}

}
