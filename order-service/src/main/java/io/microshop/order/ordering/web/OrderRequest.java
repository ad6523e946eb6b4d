package io.microshop.order.ordering.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

import io.microshop.order.ordering.PlaceOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}.
 *
 * @param customerEmail who the order is for; may be left out, for the caller's own email
 * @param lines what, 1 to {@value #MAX_LINES} lines, each sku at most once
 */
record OrderRequest(
		@Schema(description = "Who the order is for; a customer may leave it out for their own email",
				example = "ada@example.com") @Pattern(regexp = ".*\\S.*",
						message = "must not be blank") @Email @Size(max = 254) String customerEmail,
		@Schema(description = "What is ordered: 1 to 50 lines, each sku at most once") @NotEmpty @Size(
				max = MAX_LINES) @DistinctSkus List<@NotNull @Valid Line> lines) {

	static final int MAX_LINES = 50;

	/**
	 * The command for a customer.
	 * @param customer who the order is for, as the caller may name them
	 * @param placedBy the subject of the caller's token
	 * @return the command
	 */
	PlaceOrder toCommand(String customer, String placedBy) {
		return new PlaceOrder(customer,
				this.lines.stream().map((line) -> new PlaceOrder.Line(line.sku(), line.quantity())).toList(), placedBy);
	}

	/**
	 * One line of the order. The sku follows inventory-service's format, so that it can
	 * travel in a URL path as it is; the quantity is bounded to keep totals in range.
	 *
	 * @param sku the product
	 * @param quantity how many, 1 to {@value #MAX_QUANTITY}
	 */
	@Schema(name = "NewOrderLine")
	record Line(@Schema(example = "BOOK-1") @NotBlank @Pattern(regexp = "[A-Za-z0-9\\-_.]{1,64}") String sku,
			@Schema(description = "How many, 1 to 10000",
					example = "2") @NotNull @Positive @Max(MAX_QUANTITY) Integer quantity) {

		static final int MAX_QUANTITY = 10_000;

	}

}
