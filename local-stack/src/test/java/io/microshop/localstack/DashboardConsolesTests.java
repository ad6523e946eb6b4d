package io.microshop.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DashboardConsolesTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Path DASHBOARDS = ROOT.resolve("observability/grafana/dashboards");

	@TempDir
	Path work;

	@Test
	void everyPanelOfEveryDashboardIsDrawnWithItsQueries() throws IOException {
		List<String> pages = DashboardConsoles.write(DASHBOARDS, this.work.resolve("consoles"),
				this.work.resolve("libraries"));

		List<Path> dashboards = dashboards();
		assertThat(pages).hasSize(dashboards.size() + 1).startsWith("index.html");
		for (Path file : dashboards) {
			JsonNode dashboard = JsonMapper.builder().build().readTree(file.toFile());
			String page = Files
				.readString(this.work.resolve("consoles").resolve(dashboard.path("uid").asString() + ".html"));
			int panels = 0;
			for (JsonNode panel : dashboard.path("panels")) {
				panels++;
				assertThat(page).contains(panel.path("title").asString().replace("&", "&amp;"));
				for (JsonNode target : panel.path("targets")) {
					String expr = DashboardConsoles.promql(target.path("expr").asString());
					assertThat(page).as("%s: %s", file.getFileName(), panel.path("title").asString())
						.containsAnyOf(JsonMapper.builder().build().writeValueAsString(expr), "`" + expr + "`",
								JsonMapper.builder().build().writeValueAsString("100 * (" + expr + ")"));
				}
			}
			int drawn = count(page, "new PromConsole.Graph(") + count(page, "{{ with query `");
			assertThat(drawn).as("panels drawn on %s", file.getFileName()).isEqualTo(panels);
			assertThat(page).doesNotContain("$__");
		}
		assertThat(this.work.resolve("libraries").resolve(DashboardConsoles.LIBRARY)).content()
			.contains("define \"microshop_head\"", "define \"microshop_tail\"");
	}

	@Test
	void grafanasLegendsAndVariablesBecomeTheConsolesOwn() {
		assertThat(DashboardConsoles.legend("p99 {{outcome}} {{ application }}"))
			.isEqualTo("p99 [[outcome]] [[application]]");
		assertThat(DashboardConsoles.promql("sum(rate(x_total[$__rate_interval]))"))
			.isEqualTo("sum(rate(x_total[1m]))");
		assertThat(DashboardConsoles.promql("sum(increase(x_total[$__range]))"))
			.isEqualTo("sum(increase(x_total[" + DashboardConsoles.RANGE + "]))");
		assertThat(DashboardConsoles.promql("up{instance=~\".*:80$\"}")).isEqualTo("up{instance=~\".*:80$\"}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DashboardConsoles.promql("up{application=\"$application\"}"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DashboardConsoles.promql("label_replace(up, \"a\", \"{{b}}\", \"c\", \"d\")"));
	}

	@Test
	void prometheusRendersEveryPage() throws Exception {
		Path binary = MetricsBackend.binary().orElse(null);
		Assumptions.assumeTrue(binary != null, "Prometheus is not installed (CI installs it: .ci/check-alerts)");
		int port = Ports.freePort();
		try (ManagedProcess prometheus = MetricsBackend.start(binary, ROOT, this.work, port,
				"http://localhost:1/eureka", Output.NONE, false)) {
			HttpClient client = HttpClient.newHttpClient();
			for (String page : List.of("index.html", "microshop-overview.html", "microshop-saga.html",
					"microshop-messaging.html", "microshop-jvm.html")) {
				HttpResponse<String> response = client.send(
						HttpRequest.newBuilder(URI.create(MetricsBackend.url(port) + "/consoles/" + page)).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as("%s: %s", page, response.body()).isEqualTo(200);
				assertThat(response.body()).as(page)
					.contains("/classic/static/js/prom_console.js")
					.doesNotContain("error executing template");
			}
		}
	}

	private static List<Path> dashboards() throws IOException {
		try (Stream<Path> files = Files.list(DASHBOARDS)) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
