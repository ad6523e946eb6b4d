package io.microshop.order.pricing;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Looks up the current unit price of every sku of an order in inventory-service. The
 * lookups run concurrently on the application's task executor (virtual threads), so an
 * order of many lines costs about one round trip, and the client's read timeout bounds
 * the whole wait. The executor carries the caller's context to each lookup
 * ({@code spring.task.execution.propagate-context}), so they stay in the order's trace.
 * <p>
 * Every lookup goes through the HTTP service group's circuit breaker, which Spring Cloud
 * CircuitBreaker puts around each group's client ({@link PricingConfiguration}): while
 * inventory-service does not answer, orders are refused at once rather than each waiting
 * out its timeouts. The load balancer below it retries a lookup an instance did not
 * answer on another instance.
 */
@Component
public class Pricing {

	private final InventoryClient inventory;

	private final AsyncTaskExecutor executor;

	Pricing(InventoryClient inventory, @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		this.inventory = inventory;
		this.executor = executor;
	}

	/**
	 * The unit prices of the given skus.
	 * @param skus the skus to price
	 * @return each sku's unit price, in the order given
	 * @throws UnknownSkuException if inventory-service does not know a sku
	 * @throws PricesUnavailableException if any price cannot be fetched now
	 */
	public Map<String, BigDecimal> unitPrices(Collection<String> skus) {
		List<Future<BigDecimal>> prices = skus.stream().map((sku) -> this.executor.submit(() -> price(sku))).toList();
		Map<String, BigDecimal> result = new LinkedHashMap<>();
		int index = 0;
		for (String sku : skus) {
			result.put(sku, join(prices.get(index++)));
		}
		return result;
	}

	private BigDecimal price(String sku) {
		try {
			ProductPrice product = this.inventory.product(sku);
			if (product == null || product.price() == null) {
				throw new IllegalStateException("inventory-service answered without a price");
			}
			return product.price();
		}
		catch (RuntimeException ex) {
			if (causedBy(ex, HttpClientErrorException.NotFound.class)) {
				// the breaker hands on what the call threw, wrapped: there is no fallback
				throw new UnknownSkuException(sku);
			}
			// Whatever else goes wrong (no instance registered, connection refused,
			// timeout, a 5xx, the breaker open) is inventory-service's trouble, not the
			// client's: worth retrying later
			throw new PricesUnavailableException(sku, ex);
		}
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static BigDecimal join(Future<BigDecimal> price) {
		try {
			return price.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while pricing an order", ex);
		}
	}

}
