package io.microshop.discovery;

import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.blocking.retry.BlockingLoadBalancedRetryFactory;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.ExponentialRandomBackOffPolicy;

/**
 * Spring Cloud LoadBalancer's retries of blocking clients, with the backoff its reactive
 * retries take from {@code spring.cloud.loadbalancer.retry.backoff} (its blocking retries
 * have none by default, so every retry would follow its failure at once): exponential
 * from {@code min-backoff} to {@code max-backoff}, each pause randomly up to twice as
 * long, so that callers that failed together do not retry together.
 */
class RetryBackoff extends BlockingLoadBalancedRetryFactory {

	private final ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers;

	RetryBackoff(ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
		super(loadBalancers);
		this.loadBalancers = loadBalancers;
	}

	@Override
	public BackOffPolicy createBackOffPolicy(String service) {
		LoadBalancerProperties.Retry.Backoff backoff = this.loadBalancers.getProperties(service)
			.getRetry()
			.getBackoff();
		ExponentialRandomBackOffPolicy policy = new ExponentialRandomBackOffPolicy();
		policy.setInitialInterval(backoff.getMinBackoff().toMillis());
		policy.setMaxInterval(backoff.getMaxBackoff().toMillis());
		policy.setMultiplier(2);
		return policy;
	}

}
