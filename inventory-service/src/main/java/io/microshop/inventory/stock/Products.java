package io.microshop.inventory.stock;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The products. Every stock change is one conditional UPDATE whose row count says whether
 * it happened: the row lock taken by the UPDATE serialises concurrent changes and the
 * WHERE clause re-checks the condition on the latest row, so stock is never read into
 * Java, changed and written back. Each change counts up the product's version (its ETag).
 * {@code {h-schema}} is the configured default schema.
 */
public interface Products extends JpaRepository<Product, String> {

	/**
	 * Moves {@code quantity} from available to reserved if that much is available.
	 * @return 1 if reserved, 0 if the sku is unknown or short
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			update {h-schema}products
			   set available = available - :quantity, reserved = reserved + :quantity, updated_at = now(),
			       version = version + 1
			 where sku = :sku and available >= :quantity""")
	int reserve(String sku, int quantity);

	/**
	 * Moves {@code quantity} back from reserved to available, undoing {@link #reserve}.
	 * @return 1 if released, 0 if the sku is unknown or holds less than that in reserve
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			update {h-schema}products
			   set available = available + :quantity, reserved = reserved - :quantity, updated_at = now(),
			       version = version + 1
			 where sku = :sku and reserved >= :quantity""")
	int release(String sku, int quantity);

	/**
	 * Raises available stock, unless the product's total stock would no longer fit the
	 * integer columns (keeping {@code available + reserved} in range means no later
	 * reservation or release can overflow either).
	 * @return 1 if restocked, 0 if the sku is unknown or the total would overflow
	 */
	@Modifying
	@Query(nativeQuery = true, value = """
			update {h-schema}products
			   set available = available + :quantity, updated_at = now(), version = version + 1
			 where sku = :sku and available + reserved <= 2147483647 - :quantity""")
	int restock(String sku, int quantity);

}
