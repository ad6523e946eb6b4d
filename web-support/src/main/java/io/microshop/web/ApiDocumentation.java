package io.microshop.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * The conventions of every service's OpenAPI document ({@code /v3/api-docs}, springdoc),
 * so that the documents the gateway's Swagger UI shows are alike and complete:
 * <ul>
 * <li>one server, {@code /}: wherever the document was read from, the gateway (or the
 * service's own port), so "Try it out" goes through the gateway;</li>
 * <li>API v2's identity: the authorization-code flow with PKCE of the demo client and a
 * pasted bearer token, both required by every operation that does not say otherwise
 * ({@code @SecurityRequirements} empty: anyone may call it);</li>
 * <li>every problem as an {@code application/problem+json} response with an example: an
 * operation's own from its {@link ProblemResponse}s, and those every call may meet: 401
 * and 403 where a token is needed, 429 over the abuse limit, 503 and 504 from the
 * gateway;</li>
 * <li>the headers API.md promises: {@code Location} of a 201, {@code Retry-After} of a
 * 429 or 503, {@code WWW-Authenticate} of a 401.</li>
 * </ul>
 */
final class ApiDocumentation implements OpenApiCustomizer, OperationCustomizer {

	static final String OAUTH2 = "oauth2";

	static final String BEARER = "bearer";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String PROBLEM_SCHEMA = "Problem";

	private final String issuer;

	private final boolean openapi31;

	/**
	 * The conventions for a provider.
	 * @param issuer the provider's issuer as browsers reach it (microshop-identity.yml's
	 * {@code microshop.identity.issuer})
	 * @param openapi31 whether the document is OpenAPI 3.1 (springdoc's
	 * {@code springdoc.api-docs.version})
	 */
	ApiDocumentation(String issuer, boolean openapi31) {
		this.issuer = issuer;
		this.openapi31 = openapi31;
	}

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		Map<HttpStatus, List<ProblemResponse>> byStatus = new TreeMap<>();
		for (ProblemResponse problem : handlerMethod.getMethod().getAnnotationsByType(ProblemResponse.class)) {
			byStatus.computeIfAbsent(problem.status(), (status) -> new ArrayList<>()).add(problem);
		}
		ApiResponses responses = responses(operation);
		byStatus.forEach((status, problems) -> responses.addApiResponse(code(status), problemResponse(problems)));
		return operation;
	}

	@Override
	public void customise(OpenAPI openApi) {
		openApi.servers(List.of(new Server().url("/")
			.description("Where this document was read: the gateway, or the service's own port")));
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.components(components);
		ModelConverters.getInstance(this.openapi31).readAll(ProblemDocument.class).forEach(components::addSchemas);
		components.addSecuritySchemes(OAUTH2, oauth2()).addSecuritySchemes(BEARER, bearer());
		openApi.security(List.of(new SecurityRequirement().addList(OAUTH2), new SecurityRequirement().addList(BEARER)));
		if (openApi.getPaths() == null) {
			return;
		}
		for (PathItem path : openApi.getPaths().values()) {
			path.readOperations().forEach(this::addSharedResponses);
		}
	}

	private void addSharedResponses(Operation operation) {
		ApiResponses responses = responses(operation);
		boolean needsToken = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
		if (needsToken) {
			responses.computeIfAbsent("401",
					(code) -> problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
							"No token, or one that is not valid: malformed, expired, from another issuer, "
									+ "not signed by the provider, or sent in the query string")
						.addHeaderObject("WWW-Authenticate",
								header("Bearer, with the reason as error and " + "error_description", stringSchema())));
			responses.computeIfAbsent("403", (code) -> problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
					"The token does not carry the role this call needs"));
		}
		responses.computeIfAbsent("429", (code) -> problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
				"Too many requests", "Over the gateway's abuse limit for this caller; nothing was forwarded"));
		responses.computeIfAbsent("503", (code) -> problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
				"Service unavailable", "The gateway found no instance of the service that could answer"));
		responses.computeIfAbsent("504", (code) -> problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout",
				"Gateway timeout", "The service did not answer the gateway in time"));
		sortByCode(responses);
		responses.forEach((code, response) -> {
			if ("201".equals(code)) {
				response.addHeaderObject("Location", header("Where the created resource is", stringSchema()));
			}
			if ("429".equals(code) || "503".equals(code)) {
				response.addHeaderObject("Retry-After",
						header("Whole seconds to wait before trying again", schema("integer").minimum(BigDecimal.ONE)));
			}
		});
	}

	private ApiResponse problemResponse(List<ProblemResponse> problems) {
		if (problems.size() == 1) {
			ProblemResponse problem = problems.get(0);
			return problem(problem.status(), problem.type(), problem.title(), problem.when());
		}
		String description = problems.stream()
			.map((problem) -> "- " + problem.when())
			.collect(Collectors.joining("\n"));
		MediaType mediaType = problemMediaType();
		for (ProblemResponse problem : problems) {
			mediaType.addExamples(problem.type(), new Example().summary(problem.title())
				.value(example(problem.status(), problem.type(), problem.title(), problem.when())));
		}
		return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, mediaType));
	}

	private ApiResponse problem(HttpStatus status, String type, String title, String when) {
		MediaType mediaType = problemMediaType().example(example(status, type, title, when));
		return new ApiResponse().description(when).content(new Content().addMediaType(PROBLEM_JSON, mediaType));
	}

	private MediaType problemMediaType() {
		return new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA));
	}

	private static Map<String, Object> example(HttpStatus status, String type, String title, String when) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", ApiProblem.type(type).toString());
		example.put("title", title);
		example.put("status", status.value());
		example.put("detail", when);
		return example;
	}

	private SecurityScheme oauth2() {
		String endpoints = this.issuer + "/protocol/openid-connect";
		return new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
			.description("Log in at the identity provider: the authorization-code flow with PKCE of the demo client "
					+ "microshop-cli (public, no secret; LOCAL DEMO ONLY users: ada@example.com, "
					+ "grace@example.com (customers) and admin@example.com, password local-demo-only)")
			.flows(new OAuthFlows().authorizationCode(new OAuthFlow().authorizationUrl(endpoints + "/auth")
				.tokenUrl(endpoints + "/token")
				.scopes(new Scopes())));
	}

	private SecurityScheme bearer() {
		return new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.bearerFormat("JWT")
			.description("A token from the identity provider, e.g. curl -d grant_type=password "
					+ "-d client_id=microshop-cli -d username=ada@example.com -d password=local-demo-only "
					+ this.issuer + "/protocol/openid-connect/token (access_token)");
	}

	private Header header(String description, Schema<?> schema) {
		return new Header().description(description).schema(schema);
	}

	private Schema<?> stringSchema() {
		return schema("string");
	}

	// OpenAPI 3.1 writes a schema's types, 3.0 its type
	private Schema<?> schema(String type) {
		Schema<?> schema = new Schema<>().type(type);
		return this.openapi31 ? schema.types(Set.of(type)) : schema;
	}

	private static ApiResponses responses(Operation operation) {
		if (operation.getResponses() == null) {
			operation.responses(new ApiResponses());
		}
		return operation.getResponses();
	}

	private static void sortByCode(ApiResponses responses) {
		Map<String, ApiResponse> sorted = new LinkedHashMap<>();
		responses.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
			.forEach((entry) -> sorted.put(entry.getKey(), entry.getValue()));
		responses.clear();
		responses.putAll(sorted);
	}

	private static String code(HttpStatus status) {
		return Integer.toString(status.value());
	}

}
