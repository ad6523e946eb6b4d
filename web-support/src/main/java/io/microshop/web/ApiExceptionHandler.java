package io.microshop.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.Errors;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The problem responses every service shares: client mistakes become a 400 with the
 * rejected fields listed under {@code errors}, and nothing unexpected leaks a stack
 * trace. Each service extends this class once, in a {@code @RestControllerAdvice}, and
 * adds handlers for its own domain exceptions.
 */
public abstract class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final String INVALID_REQUEST = "Invalid request";

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	/** Jackson's message when {@code STRICT_DUPLICATE_DETECTION} finds a field twice. */
	private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate Object property \"([^\"]*)\"");

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return invalid("The request has invalid fields", fieldErrors(ex.getBindingResult()));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors parameterErrors) {
				errors.addAll(fieldErrors(parameterErrors));
			}
			else {
				String name = result.getMethodParameter().getParameterName();
				for (MessageSourceResolvable error : result.getResolvableErrors()) {
					errors.add(new FieldError(name, error.getDefaultMessage()));
				}
			}
		}
		return invalid("The request has invalid parameters", errors);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return invalid("The request body has a field this API does not have",
					List.of(new FieldError(path(unknown), "is not a field of this request")));
		}
		if (cause instanceof StrictJson.MalformedTextException malformed) {
			return invalid("The request body has text that is not well-formed", List
				.of(new FieldError(path(malformed), "is not well-formed text (a lone UTF-16 surrogate or a NUL)")));
		}
		Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(cause.getMessage()));
		if (cause instanceof StreamReadException jackson && duplicate.find()) {
			String parent = path(jackson);
			String field = parent.isEmpty() ? duplicate.group(1) : parent + "." + duplicate.group(1);
			return invalid("The request body gives a field more than once",
					List.of(new FieldError(field, "is given more than once")));
		}
		if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			return invalid("The request body has a value of the wrong type",
					List.of(new FieldError(path(jackson), "has an invalid value")));
		}
		return invalid("The request body is missing or is not valid JSON", List.of());
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		return invalid("The request has invalid parameters",
				List.of(new FieldError(name, "has an invalid value: '" + ex.getValue() + "'")));
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return invalid("The request is missing a required parameter",
				List.of(new FieldError(ex.getParameterName(), "is required")));
	}

	/**
	 * Gives the problems Spring MVC builds itself (405, 406, 415, 404 for an unknown
	 * path…) a {@code type} like every other problem of the API, instead of
	 * {@code about:blank}.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
			HttpStatus status = HttpStatus.resolve(statusCode.value());
			String name = (status != null) ? status.name().toLowerCase(Locale.ROOT).replace('_', '-')
					: "http-" + statusCode.value();
			problem.setType(ApiProblem.type(name));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	@ExceptionHandler
	ProblemDetail handleUnexpected(Exception ex) {
		logger.error("Unexpected error", ex);
		return ApiProblem.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The request could not be completed; it has been logged");
	}

	protected static ResponseEntity<Object> invalid(String detail, List<FieldError> errors) {
		ProblemDetail problem = ApiProblem.of(HttpStatus.BAD_REQUEST, "invalid-request", INVALID_REQUEST, detail);
		// in a stable order, so that clients and docs see the same body for the same
		// request
		problem.setProperty("errors",
				errors.stream()
					.sorted(Comparator.comparing(FieldError::field)
						.thenComparing(FieldError::message, Comparator.nullsFirst(Comparator.naturalOrder())))
					.toList());
		return ResponseEntity.badRequest().body(problem);
	}

	private static List<FieldError> fieldErrors(Errors result) {
		List<FieldError> errors = new ArrayList<>();
		result.getFieldErrors().forEach((error) -> errors.add(new FieldError(error.getField(), message(error))));
		result.getGlobalErrors().forEach((error) -> errors.add(new FieldError(error.getObjectName(), message(error))));
		return errors;
	}

	private static String message(org.springframework.validation.ObjectError error) {
		return error.contains(TypeMismatchException.class) ? "has an invalid value" : error.getDefaultMessage();
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
