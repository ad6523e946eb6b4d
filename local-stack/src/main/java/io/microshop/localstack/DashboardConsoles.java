package io.microshop.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop's Grafana dashboards ({@code observability/grafana/dashboards}) as Prometheus
 * console templates, for the local stack, where no Grafana runs: every panel's queries
 * drawn by Prometheus's own console graphs ({@code PromConsole.Graph}), a stat panel as
 * its value. The queries keep one home, the dashboards' JSON: the pages are written from
 * it at every start, with Grafana's own variables filled in as Grafana would on the
 * page's time range (and as {@code .ci/check-queries.mjs} does).
 */
final class DashboardConsoles {

	/** The console library every page includes: its head, the menu and the tail. */
	static final String LIBRARY = "microshop.lib";

	/**
	 * The time range each page shows, as Prometheus's duration, unless its URL asks for
	 * another ({@code ?range=10m}); the stat panels' range.
	 */
	static final String RANGE = "1h";

	/**
	 * Grafana's variables, as Grafana fills them in for a dashboard scraped every 5 s.
	 */
	private static final Map<String, String> GRAFANA_VARIABLES = Map.of("$__rate_interval", "1m", "$__range", RANGE);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DashboardConsoles() {
	}

	/**
	 * Writes one page for each dashboard, an index page, and their library.
	 * @param dashboards the directory of the dashboards' JSON
	 * @param consoles where the pages go ({@code --web.console.templates})
	 * @param libraries where the library goes ({@code --web.console.libraries})
	 * @return the pages written, the index first
	 */
	static List<String> write(Path dashboards, Path consoles, Path libraries) {
		try {
			List<Dashboard> all = new ArrayList<>();
			try (Stream<Path> files = Files.list(dashboards)) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
					all.add(new Dashboard(JSON.readTree(file.toFile())));
				}
			}
			Files.createDirectories(consoles);
			Files.createDirectories(libraries);
			Files.writeString(libraries.resolve(LIBRARY), library(all));
			List<String> pages = new ArrayList<>(List.of("index.html"));
			Files.writeString(consoles.resolve("index.html"), index(all));
			for (Dashboard dashboard : all) {
				Files.writeString(consoles.resolve(dashboard.page()), dashboard.render());
				pages.add(dashboard.page());
			}
			return pages;
		}
		catch (IOException | RuntimeException ex) {
			throw new StartupException("Could not write the dashboards of " + dashboards + " as Prometheus consoles to "
					+ consoles + ": " + ex);
		}
	}

	private static String library(List<Dashboard> dashboards) {
		StringBuilder menu = new StringBuilder();
		for (Dashboard dashboard : dashboards) {
			menu.append("<a class=\"nav-link\" href=\"{{ pathPrefix }}/consoles/")
				.append(dashboard.page())
				.append("\">")
				.append(html(dashboard.title()))
				.append("</a>\n");
		}
		return """
				{{/* Written by ./run-local.sh from observability/grafana/dashboards (DashboardConsoles): edit those */}}
				{{ define "microshop_head" }}<!doctype html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta http-equiv="refresh" content="30">
				<title>{{ .arg0 }}</title>
				<link type="text/css" rel="stylesheet" href="{{ pathPrefix }}/classic/static/rickshaw/rickshaw.min.css">
				<link type="text/css" rel="stylesheet" href="{{ pathPrefix }}/classic/static/bootstrap4/css/bootstrap.min.css">
				<link type="text/css" rel="stylesheet" href="{{ pathPrefix }}/classic/static/css/prom_console.css">
				<script src="{{ pathPrefix }}/classic/static/d3/d3.min.js"></script>
				<script src="{{ pathPrefix }}/classic/static/vendor/rickshaw/vendor/d3.layout.min.js"></script>
				<script src="{{ pathPrefix }}/classic/static/rickshaw/rickshaw.min.js"></script>
				<script src="{{ pathPrefix }}/classic/static/jquery/jquery.min.js"></script>
				<script>var PATH_PREFIX = "{{ pathPrefix }}";</script>
				<script src="{{ pathPrefix }}/classic/static/js/prom_console.js"></script>
				<style>
				  .panel-title { font-size: 1rem; margin: .75rem 0 .25rem; }
				  .stat { font-size: 2rem; }
				  .graph_legend { max-height: 6rem; overflow-y: auto; font-size: .75rem; }
				</style>
				</head>
				<body>
				<nav class="navbar navbar-expand navbar-dark bg-dark">
				<a class="navbar-brand" href="{{ pathPrefix }}/consoles/index.html">Microshop</a>
				<div class="navbar-nav">
				%s<a class="nav-link" href="{{ pathPrefix }}/alerts">Alerts</a>
				<a class="nav-link" href="{{ pathPrefix }}/targets">Targets</a>
				<a class="nav-link" href="{{ pathPrefix }}/graph">Graph</a>
				</div>
				</nav>
				<div class="container-fluid">
				{{ end }}
				{{ define "microshop_tail" }}</div>
				</body>
				</html>
				{{ end }}
				"""
			.formatted(menu);
	}

	private static String index(List<Dashboard> dashboards) {
		StringBuilder page = new StringBuilder(
				"{{ template \"microshop_head\" (args \"Microshop\") }}\n<h1 class=\"h3 my-3\">Microshop</h1>\n")
			.append("<p>The dashboards of <code>observability/grafana/dashboards</code>, drawn by this Prometheus")
			.append(" (in compose, Grafana draws them). The last ")
			.append(RANGE)
			.append(".</p>\n<ul>\n");
		for (Dashboard dashboard : dashboards) {
			page.append("<li><a href=\"{{ pathPrefix }}/consoles/")
				.append(dashboard.page())
				.append("\">")
				.append(html(dashboard.title()))
				.append("</a>: ")
				.append(html(dashboard.json().path("description").asString("")))
				.append("</li>\n");
		}
		return page.append("</ul>\n{{ template \"microshop_tail\" }}\n").toString();
	}

	/** PromQL with Grafana's variables filled in, checked to be safe in a Go template. */
	static String promql(String expr) {
		String filled = expr;
		for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
			filled = filled.replace(variable.getKey(), variable.getValue());
		}
		if (filled.contains("{{") || filled.contains("}}") || filled.contains("`")
				|| Pattern.compile("\\$\\{?[a-zA-Z_]").matcher(filled).find()) {
			throw new IllegalArgumentException(
					"A query a console cannot draw (a dashboard variable, {{, }} or `): " + expr);
		}
		return filled;
	}

	/** Grafana's legend ({{label}}) as a console graph's series name ([[label]]). */
	static String legend(String legendFormat) {
		return legendFormat.replaceAll("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}", "[[$1]]");
	}

	private static String html(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/** A JavaScript string literal, safe inside a script element and a Go template. */
	private static String js(String text) {
		return JSON.writeValueAsString(text).replace("</", "<\\/");
	}

	private record Dashboard(JsonNode json) {

		String title() {
			return this.json.path("title").asString("");
		}

		String page() {
			return this.json.path("uid").asString() + ".html";
		}

		String render() {
			StringBuilder page = new StringBuilder();
			page.append("{{ template \"microshop_head\" (args ")
				.append(js(title()))
				.append(") }}\n<h1 class=\"h3 my-3\">")
				.append(html(title()))
				.append("</h1>\n<p class=\"text-muted\">")
				.append(html(this.json.path("description").asString("")))
				.append(" The graphs show the last {{ or .Params.range \"")
				.append(RANGE)
				.append("\" }} (<code>?range=10m</code> for another range), refreshed every 30 s.</p>\n<div class=\"row\">\n");
			for (JsonNode panel : this.json.path("panels")) {
				page.append(panel(panel));
			}
			return page.append("</div>\n{{ template \"microshop_tail\" }}\n").toString();
		}

		private static String panel(JsonNode panel) {
			String id = "panel-" + panel.path("id").asInt();
			String unit = panel.path("fieldConfig").path("defaults").path("unit").asString("");
			List<String> exprs = new ArrayList<>();
			List<String> names = new ArrayList<>();
			for (JsonNode target : panel.path("targets")) {
				String expr = promql(target.path("expr").asString());
				exprs.add(unit.equals("percentunit") ? "100 * (" + expr + ")" : expr);
				names.add(legend(target.path("legendFormat").asString("")));
			}
			String title = "<h2 class=\"panel-title\">" + html(panel.path("title").asString("")) + "</h2>\n";
			if (panel.path("type").asString("").equals("stat")) {
				String value = switch (unit) {
					case "s" -> "humanizeDuration";
					case "percentunit" -> "printf \"%.1f%%\"";
					default -> "printf \"%.0f\"";
				};
				// the query as a raw string of the template (promql() refused a backquote
				// in it)
				return "<div class=\"col-6 col-lg-3\">" + title + "<div class=\"stat\">{{ with query `" + exprs.get(0)
						+ "` }}{{ . | first | value | " + value + " }}{{ else }}&ndash;{{ end }}</div></div>\n";
			}
			String formatter = unit.equals("bytes") ? "PromConsole.NumberFormatter.humanize1024"
					: "PromConsole.NumberFormatter.humanizeNoSmallPrefix";
			String units = switch (unit) {
				case "bytes" -> "B";
				case "percentunit" -> "%";
				case "s" -> "s";
				case "reqps", "ops" -> "/s";
				default -> "";
			};
			return """
					<div class="col-lg-6">%s<div id="%s"></div>
					<script>
					new PromConsole.Graph({
					  node: document.querySelector("#%s"),
					  expr: [%s],
					  name: [%s],
					  duration: PromConsole.TimeControl.prototype.parseDuration({{ or .Params.range "%s" }}),
					  height: 180,
					  min: 0,
					  renderer: "line",
					  yAxisFormatter: %s,
					  yHoverFormatter: %s,
					  yUnits: %s
					});
					</script></div>
					""".formatted(title, id, id, String.join(", ", exprs.stream().map(DashboardConsoles::js).toList()),
					String.join(", ", names.stream().map(DashboardConsoles::js).toList()), RANGE, formatter, formatter,
					js(units));
		}

	}

}
