package io.microshop.order.ordering.web;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Validates {@link DistinctSkus}. Missing lines and skus are other constraints' business.
 */
class DistinctSkusValidator implements ConstraintValidator<DistinctSkus, List<OrderRequest.Line>> {

	@Override
	public boolean isValid(List<OrderRequest.Line> lines, ConstraintValidatorContext context) {
		if (lines == null) {
			return true;
		}
		Set<String> skus = new HashSet<>();
		return lines.stream()
			.filter(Objects::nonNull)
			.map(OrderRequest.Line::sku)
			.filter(Objects::nonNull)
			.allMatch(skus::add);
	}

}
