package io.microshop.order.ordering.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated order lines name each sku at most once.
 */
@Documented
@Constraint(validatedBy = DistinctSkusValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@interface DistinctSkus {

	String message() default "must not name the same sku twice";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
