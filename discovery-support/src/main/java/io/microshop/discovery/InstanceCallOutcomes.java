package io.microshop.discovery;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.RetryableRequestContext;

/**
 * Hears the end of every load-balanced call, the gateway's and a service's alike: tells
 * the called instance's breaker whether it answered ({@link InstanceBreakers}), and
 * counts the call in {@value #CALLS} by service, outcome ({@code answered},
 * {@code timed-out}, {@code refused}, {@code failed}) and attempt ({@code first} or
 * {@code retry}), so timeouts and retries are metrics.
 * <p>
 * A call that got any HTTP answer, an error status included, was answered: a service's
 * own errors are its callers' business (their service breakers), not a reason to route
 * around the instance.
 */
class InstanceCallOutcomes implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

	static final String CALLS = "microshop.loadbalancer.calls";

	/** Attempts of one exchange so far, kept in its attributes (the gateway's). */
	private static final String ATTEMPTS = InstanceCallOutcomes.class.getName() + ".attempts";

	private final InstanceBreakers breakers;

	private final MeterRegistry meters;

	// one counter per service, outcome and attempt, found without building a meter id per
	// call
	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	InstanceCallOutcomes(InstanceBreakers breakers, MeterRegistry meters) {
		this.breakers = breakers;
		this.meters = meters;
	}

	@Override
	public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
		return ServiceInstance.class.isAssignableFrom(serverTypeClass);
	}

	@Override
	public void onStart(Request<Object> request) {
	}

	@Override
	public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
		Map<String, Object> attributes = attributesOf(request);
		if (attributes != null) {
			try {
				attributes.merge(ATTEMPTS, 1, (before, one) -> (Integer) before + 1);
			}
			catch (UnsupportedOperationException ex) {
				// a client whose request attributes cannot change: its retries are not
				// told apart
			}
		}
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
		Response<ServiceInstance> response = completion.getLoadBalancerResponse();
		ServiceInstance instance = (response != null) ? response.getServer() : null;
		if (instance == null || completion.status() == CompletionContext.Status.DISCARD) {
			return;
		}
		String outcome;
		if (completion.status() == CompletionContext.Status.FAILED) {
			Throwable failure = completion.getThrowable();
			this.breakers.didNotAnswer(instance, (failure != null) ? failure : new IllegalStateException("failed"));
			outcome = outcomeOf(failure);
		}
		else {
			this.breakers.answered(instance);
			outcome = "answered";
		}
		count(InstanceBreakers.serviceOf(instance), outcome, isRetry(completion.getLoadBalancerRequest()));
	}

	private void count(String service, String outcome, boolean retry) {
		String attempt = retry ? "retry" : "first";
		this.counters
			.computeIfAbsent(service + ' ' + outcome + ' ' + attempt,
					(key) -> Counter.builder(CALLS)
						.description("Load-balanced calls to an instance of a service, by outcome and attempt")
						.tag("service", service)
						.tag("outcome", outcome)
						.tag("attempt", attempt)
						.register(this.meters))
			.increment();
	}

	private static boolean isRetry(Request<Object> request) {
		if (request != null && request.getContext() instanceof RetryableRequestContext retryable
				&& retryable.getPreviousServiceInstance() != null) {
			return true;
		}
		Map<String, Object> attributes = attributesOf(request);
		return attributes != null && attributes.get(ATTEMPTS) instanceof Integer attempts && attempts > 1;
	}

	/**
	 * The attributes of a call that are kept across its retries: the gateway's exchange
	 * attributes (a service's retried calls say so in their
	 * {@link RetryableRequestContext}).
	 */
	private static Map<String, Object> attributesOf(Request<Object> request) {
		if (request != null && request.getContext() instanceof RequestDataContext context
				&& !(context instanceof RetryableRequestContext) && context.getClientRequest() != null) {
			return context.getClientRequest().getAttributes();
		}
		return null;
	}

	static String outcomeOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
				return "timed-out";
			}
			if (cause instanceof ConnectException) {
				return "refused";
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return "failed";
	}

}
