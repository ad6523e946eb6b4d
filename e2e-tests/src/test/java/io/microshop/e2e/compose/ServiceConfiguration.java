package io.microshop.e2e.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * A service's configuration as Spring Boot resolves it in a container: its
 * {@code application.yml} and the files it imports, overridden by the container's
 * environment variables with Spring's own relaxed binding (an environment variable source
 * of the highest precedence, and the configuration property sources attached). Neither
 * this JVM's environment nor its system properties take part.
 */
final class ServiceConfiguration {

	private final List<PropertySource<?>> applicationYml;

	private final StandardEnvironment environment;

	private ServiceConfiguration(List<PropertySource<?>> applicationYml, StandardEnvironment environment) {
		this.applicationYml = applicationYml;
		this.environment = environment;
	}

	/**
	 * Loads a service's {@code application.yml} under the given environment variables,
	 * with the files it imports ({@code spring.config.import: classpath:...}) taking
	 * precedence over it, as Spring Boot does.
	 * @param applicationYml the file
	 * @param environmentVariables the container's environment
	 * @param classpath where a {@code classpath:} resource of the service is in the
	 * repository
	 * @return the configuration
	 */
	static ServiceConfiguration load(Path applicationYml, Map<String, String> environmentVariables,
			Function<String, Path> classpath) {
		List<PropertySource<?>> yaml = new ArrayList<>(yaml("application.yml", applicationYml));
		for (String imported : imports(yaml)) {
			String resource = imported.strip().replaceFirst("^classpath:", "");
			yaml.addAll(0, yaml(resource, classpath.apply(resource)));
		}
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		// named like the real one: Spring Boot maps names to environment variables only
		// for it
		sources
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new LinkedHashMap<>(environmentVariables)));
		yaml.forEach(sources::addLast);
		ConfigurationPropertySources.attach(environment);
		return new ServiceConfiguration(yaml, environment);
	}

	// spring.config.import as Spring Boot reads it: a comma-separated value or a YAML
	// list
	private static List<String> imports(List<PropertySource<?>> yaml) {
		List<String> imports = new ArrayList<>();
		for (PropertySource<?> source : yaml) {
			Object value = source.getProperty("spring.config.import");
			if (value != null) {
				imports.addAll(List.of(value.toString().split(",")));
			}
			for (int i = 0; source.getProperty("spring.config.import[" + i + "]") != null; i++) {
				imports.add(source.getProperty("spring.config.import[" + i + "]").toString());
			}
		}
		return imports;
	}

	private static List<PropertySource<?>> yaml(String name, Path file) {
		try {
			return new YamlPropertySourceLoader().load(name, new FileSystemResource(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A property as the service reads it.
	 * @param name the property, e.g. {@code server.port}
	 * @return its value, or {@code null}
	 */
	String property(String name) {
		return this.environment.getProperty(name);
	}

	/**
	 * The keys of {@code application.yml} that one environment variable overrides, found
	 * with the same mapping Spring Boot applies to environment variables.
	 * @param variable the variable's name
	 * @return the canonical names of the keys it overrides, empty if none
	 */
	List<ConfigurationPropertyName> keysOverriddenBy(String variable) {
		ConfigurationPropertySource single = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "x")));
		List<ConfigurationPropertyName> keys = new ArrayList<>();
		for (PropertySource<?> source : this.applicationYml) {
			if (source instanceof EnumerablePropertySource<?>
					&& ConfigurationPropertySource.from(source) instanceof IterableConfigurationPropertySource yaml) {
				yaml.stream().filter((name) -> single.getConfigurationProperty(name) != null).forEach(keys::add);
			}
		}
		return keys;
	}

}
