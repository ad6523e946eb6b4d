package io.microshop.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * What every problem body of the API looks like (RFC 9457 and API.md), for the OpenAPI
 * documents only: the bodies themselves are Spring's {@code ProblemDetail}.
 *
 * @param type what kind of problem
 * @param title the kind, for people
 * @param status the HTTP status again
 * @param detail this occurrence, for people
 * @param instance the path that was called
 * @param errors the fields or parameters that were rejected
 */
@Schema(name = "Problem", description = "An RFC 9457 problem: every error of the API")
record ProblemDocument(
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "What kind of problem: urn:microshop:problem:<kind>",
				example = "urn:microshop:problem:invalid-request") URI type,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "The kind of problem, for people",
				example = "Invalid request") String title,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "The HTTP status again",
				example = "400") int status,
		@Schema(requiredMode = RequiredMode.REQUIRED, description = "What went wrong this time, for people",
				example = "The request has invalid fields") String detail,
		@Schema(description = "The path that was called", example = "/api/orders") URI instance,
		@Schema(description = "A validation problem's rejected fields or parameters (400 only)") List<FieldError> errors) {

}
