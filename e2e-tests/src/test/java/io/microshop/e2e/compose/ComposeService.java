package io.microshop.e2e.compose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service of the compose file as {@code compose config} prints it, with the short and
 * long syntaxes of Compose v1 and v2 read alike.
 *
 * @param name the service's name in docker-compose.yml
 * @param definition its definition, interpolated by Compose
 */
record ComposeService(String name, Map<String, Object> definition) {

	boolean has(String key) {
		return this.definition.containsKey(key);
	}

	String string(String key) {
		Object value = this.definition.get(key);
		return (value != null) ? String.valueOf(value) : null;
	}

	/**
	 * The environment Compose sets, from either the map or the list syntax.
	 * @return variable to value
	 */
	Map<String, String> environment() {
		return keyValues(this.definition.get("environment"));
	}

	/**
	 * The build arguments.
	 * @return argument to value, empty if the service is not built here
	 */
	Map<String, String> buildArgs() {
		if (this.definition.get("build") instanceof Map<?, ?> build) {
			return keyValues(build.get("args"));
		}
		return Map.of();
	}

	String buildContext() {
		Object build = this.definition.get("build");
		if (build instanceof Map<?, ?> map) {
			return String.valueOf(map.get("context"));
		}
		return (build != null) ? String.valueOf(build) : null;
	}

	/**
	 * The command the container runs, as an exec list.
	 * @return the command, or an empty list if the image's default is used
	 */
	List<String> command() {
		Object command = this.definition.get("command");
		if (command instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return (command != null) ? List.of(String.valueOf(command).split("\\s+")) : List.of();
	}

	/**
	 * The health check's test command, as an exec list.
	 * @return the command, or an empty list if there is none
	 */
	List<String> healthcheckTest() {
		if (this.definition.get("healthcheck") instanceof Map<?, ?> healthcheck) {
			Object test = healthcheck.get("test");
			if (test instanceof List<?> list) {
				return list.stream().map(String::valueOf).toList();
			}
			if (test != null) {
				return List.of("CMD-SHELL", String.valueOf(test));
			}
		}
		return List.of();
	}

	/**
	 * The published ports, from the short ({@code [ip:]host:container[/protocol]}) or the
	 * long syntax.
	 * @return the ports
	 */
	List<PublishedPort> ports() {
		if (!(this.definition.get("ports") instanceof List<?> list)) {
			return List.of();
		}
		return list.stream().map(PublishedPort::of).toList();
	}

	/**
	 * The services this one depends on, with the condition it waits for ({@code null} for
	 * the list syntax, which waits for nothing but the start).
	 * @return service to condition
	 */
	Map<String, String> dependsOn() {
		Object dependsOn = this.definition.get("depends_on");
		Map<String, String> conditions = new LinkedHashMap<>();
		if (dependsOn instanceof List<?> list) {
			list.forEach((service) -> conditions.put(String.valueOf(service), null));
		}
		else if (dependsOn instanceof Map<?, ?> map) {
			map.forEach((service, options) -> conditions.put(String.valueOf(service),
					(options instanceof Map<?, ?> o && o.get("condition") != null) ? String.valueOf(o.get("condition"))
							: null));
		}
		return conditions;
	}

	/**
	 * The profiles the service belongs to.
	 * @return the profiles, empty for a service of the default stack
	 */
	List<String> profiles() {
		if (this.definition.get("profiles") instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	/**
	 * The host directories and files mounted into the container, from the short
	 * ({@code source:target[:mode]}) or the long syntax; named volumes are left out.
	 * @return the path in the container to the path on the host
	 */
	Map<String, Path> bindMounts() {
		Map<String, Path> mounts = new LinkedHashMap<>();
		if (!(this.definition.get("volumes") instanceof List<?> list)) {
			return mounts;
		}
		for (Object volume : list) {
			if (volume instanceof Map<?, ?> map) {
				if ("bind".equals(map.get("type"))) {
					mounts.put(String.valueOf(map.get("target")), Path.of(String.valueOf(map.get("source"))));
				}
			}
			else {
				String[] parts = String.valueOf(volume).split(":");
				if (parts.length >= 2 && parts[0].startsWith("/")) {
					mounts.put(parts[1], Path.of(parts[0]));
				}
			}
		}
		return mounts;
	}

	private static Map<String, String> keyValues(Object node) {
		Map<String, String> values = new LinkedHashMap<>();
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> values.put(String.valueOf(key), (value != null) ? String.valueOf(value) : ""));
		}
		else if (node instanceof List<?> list) {
			for (Object item : list) {
				String entry = String.valueOf(item);
				int equals = entry.indexOf('=');
				values.put((equals < 0) ? entry : entry.substring(0, equals),
						(equals < 0) ? "" : entry.substring(equals + 1));
			}
		}
		return values;
	}

	/**
	 * A container port published on the host.
	 *
	 * @param hostIp the host address it listens on ({@code null}: all addresses)
	 * @param hostPort the port on the host
	 * @param containerPort the port in the container
	 */
	record PublishedPort(String hostIp, String hostPort, int containerPort) {

		static PublishedPort of(Object port) {
			if (port instanceof Map<?, ?> map) {
				return new PublishedPort((map.get("host_ip") != null) ? String.valueOf(map.get("host_ip")) : null,
						String.valueOf(map.get("published")), Integer.parseInt(String.valueOf(map.get("target"))));
			}
			String text = String.valueOf(port).replaceFirst("/(tcp|udp)$", "");
			String[] parts = text.split(":");
			return switch (parts.length) {
				case 1 -> new PublishedPort(null, null, Integer.parseInt(parts[0]));
				case 2 -> new PublishedPort(null, parts[0], Integer.parseInt(parts[1]));
				case 3 -> new PublishedPort(parts[0], parts[1], Integer.parseInt(parts[2]));
				default -> throw new IllegalArgumentException("Unsupported port syntax: " + port);
			};
		}

	}

}
