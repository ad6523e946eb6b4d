package io.microshop.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.cloud.client.ServiceInstance;

/**
 * One Resilience4j circuit breaker per instance of a service, fed by the outcome of every
 * load-balanced call ({@link InstanceCallOutcomes}) and consulted by every load
 * balancer's choice ({@link AnsweringInstances}): an instance whose calls time out or are
 * refused is left out until a probe call through it succeeds again, so a frozen instance
 * costs its callers one timeout, not one in every two calls (outlier ejection; ADR 0015).
 * <p>
 * The breakers live in the application's {@link CircuitBreakerRegistry}, with the
 * configuration named {@value #CONFIGURATION} ({@code microshop-discovery.yml}), so their
 * states and refused calls are Resilience4j's metrics like every other breaker's; each is
 * named {@code <service>@<host>:<port>}.
 */
public class InstanceBreakers {

	/**
	 * The name of the breakers' configuration in
	 * {@code resilience4j.circuitbreaker.configs}.
	 */
	public static final String CONFIGURATION = "instance";

	private final CircuitBreakerRegistry registry;

	public InstanceBreakers(CircuitBreakerRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The instances a call may go to: every instance whose breaker is closed, and an
	 * instance whose breaker is half-open only for the call that gets its probe permit
	 * (that call then goes to it alone). When every instance is out, all of them are
	 * returned: leaving none would turn a slow service into an unreachable one, and the
	 * caller's own service breaker decides when to stop calling it.
	 * @param instances the service's instances
	 * @return the instances to choose from
	 */
	public List<ServiceInstance> answering(List<ServiceInstance> instances) {
		List<ServiceInstance> answering = null;
		for (int index = 0; index < instances.size(); index++) {
			ServiceInstance instance = instances.get(index);
			CircuitBreaker breaker = breakerOf(instance);
			State state = breaker.getState();
			if (state == State.HALF_OPEN && breaker.tryAcquirePermission()) {
				return List.of(instance);
			}
			if (state == State.CLOSED || state == State.DISABLED || state == State.METRICS_ONLY) {
				if (answering != null) {
					answering.add(instance);
				}
			}
			else if (answering == null) {
				answering = new ArrayList<>(instances.subList(0, index));
			}
		}
		if (answering == null) {
			return instances;
		}
		return answering.isEmpty() ? instances : answering;
	}

	/**
	 * Records that the instance answered a call.
	 * @param instance the instance called
	 */
	public void answered(ServiceInstance instance) {
		breakerOf(instance).onSuccess(0, TimeUnit.NANOSECONDS);
	}

	/**
	 * Records that the instance did not answer a call: it timed out, or refused or
	 * dropped the connection.
	 * @param instance the instance called
	 * @param failure what went wrong
	 */
	public void didNotAnswer(ServiceInstance instance, Throwable failure) {
		breakerOf(instance).onError(0, TimeUnit.NANOSECONDS, failure);
	}

	/**
	 * The breaker of an instance, made on its first call.
	 * @param instance an instance of a service
	 * @return its breaker
	 */
	public CircuitBreaker breakerOf(ServiceInstance instance) {
		return this.registry.circuitBreaker(nameOf(instance), CONFIGURATION);
	}

	static String nameOf(ServiceInstance instance) {
		return serviceOf(instance) + "@" + instance.getHost() + ":" + instance.getPort();
	}

	/** The service's name as it is registered (Eureka upper-cases it). */
	static String serviceOf(ServiceInstance instance) {
		return instance.getServiceId().toLowerCase(Locale.ROOT);
	}

}
