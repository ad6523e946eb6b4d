// Checks every PromQL query the shop's dashboards and alert rules run against a Prometheus that scrapes
// the running system: each one must parse and evaluate, and every metric it names must be one the
// running system exports (or a rule records). Used by .ci/smoke-local-stack; needs Node.js 18+.
//   node .ci/check-queries.mjs <prometheus-url> <dashboards-directory> [patience-seconds]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [prometheus, directory, patience = '90'] = process.argv.slice(2);
if (!prometheus || !directory) {
  console.error('usage: node .ci/check-queries.mjs <prometheus-url> <dashboards-directory> [patience-seconds]');
  process.exit(2);
}

// Grafana's own variables, as Grafana would fill them in
const grafanaVariables = (expr) => expr.replaceAll('$__rate_interval', '1m').replaceAll('$__range', '1h');

// The metric names a PromQL expression selects: what is left once strings, label matchers, ranges,
// grouping clauses, function calls and keywords are taken out
function metricNames(expr) {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);
  const names = new Set();
  for (const match of bare.matchAll(/(?<![a-zA-Z0-9_:.])[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const call = /^\s*\(/.test(bare.slice(match.index + match[0].length));
    if (!call && !keywords.has(match[0].toLowerCase())) {
      names.add(match[0]);
    }
  }
  return [...names];
}

async function api(path, parameters) {
  const response = await fetch(`${prometheus}/api/v1/${path}?${new URLSearchParams(parameters ?? {})}`);
  return response.json();
}

const queries = [];
for (const file of readdirSync(directory).filter((name) => name.endsWith('.json')).sort()) {
  const dashboard = JSON.parse(readFileSync(join(directory, file), 'utf8'));
  for (const panel of dashboard.panels ?? []) {
    for (const target of panel.targets ?? []) {
      queries.push({ where: `${file}: "${panel.title}"`, expr: grafanaVariables(target.expr) });
    }
  }
}
for (const group of (await api('rules')).data.groups) {
  for (const rule of group.rules) {
    queries.push({ where: `alerts.yml: ${rule.name}`, expr: rule.query });
  }
}

// Some metrics appear a while after start-up (Kafka's per-partition lag once its client refreshes
// its metrics): wait for them, up to the patience
const deadline = Date.now() + Number(patience) * 1000;
let problems;
do {
  const exported = new Set((await api('label/__name__/values')).data);
  problems = [];
  for (const { where, expr } of queries) {
    const result = await api('query', { query: expr });
    if (result.status !== 'success') {
      problems.push(`${where}: ${result.errorType}: ${result.error}\n    ${expr}`);
      continue;
    }
    const missing = metricNames(expr).filter((name) => !exported.has(name));
    if (missing.length > 0) {
      problems.push(`${where}: names ${missing.join(', ')}, which nothing exports\n    ${expr}`);
    }
  }
  if (problems.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
} while (problems.length > 0 && Date.now() < deadline);

if (problems.length > 0) {
  console.error(`${problems.length} of ${queries.length} queries fail:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`  all ${queries.length} queries of the dashboards and alert rules evaluate, naming only exported metrics`);
