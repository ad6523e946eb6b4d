#!/usr/bin/env bash
# Runs the Microshop Postman collection with newman against a running stack.
#
#   postman/run.sh [baseUrl] [newman options...]
#
# baseUrl defaults to $MICROSHOP_BASE_URL, then to http://localhost:8080 (the gateway). The demo users'
# tokens come from $MICROSHOP_TOKEN_URL, by default the identity provider's token endpoint on 8180.
# Further arguments go to `newman run`, e.g. `postman/run.sh http://localhost:8080 --folder Products`.
# Installs newman from package-lock.json (npm ci) when it is missing or out of date.
# Writes a JUnit report to postman/target/newman-junit.xml. Exits non-zero when a request or an
# assertion fails, and also when the run made no assertions at all.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base_url="${MICROSHOP_BASE_URL:-http://localhost:8080}"
token_url="${MICROSHOP_TOKEN_URL:-http://localhost:8180/realms/microshop/protocol/openid-connect/token}"
if [[ $# -gt 0 && $1 != -* ]]; then
	base_url="$1"
	shift
fi

fail() {
	echo "postman/run.sh: $*" >&2
	exit 2
}

command -v node >/dev/null 2>&1 || fail "node is not installed (newman 6 needs Node.js 16 or later)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed (it comes with Node.js)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
((node_major >= 16)) || fail "Node.js $(node --version) is too old: newman 6 needs 16 or later"

cd "$here"
if [[ ! -x node_modules/.bin/newman || ! -f node_modules/.package-lock.json ||
	package-lock.json -nt node_modules/.package-lock.json ]]; then
	echo "Installing newman (npm ci) ..."
	npm ci --no-audit --no-fund --loglevel=error
fi

report_dir="$here/target"
junit="$report_dir/newman-junit.xml"
mkdir -p "$report_dir"
rm -f "$junit"

echo "Running the Microshop collection against $base_url"
status=0
node_modules/.bin/newman run "$here/microshop.postman_collection.json" \
	--environment "$here/local.postman_environment.json" \
	--env-var "baseUrl=$base_url" \
	--env-var "tokenUrl=$token_url" \
	--reporters cli,junit \
	--reporter-junit-export "$junit" \
	--timeout-request 15000 \
	--timeout 300000 \
	"$@" || status=$?

if [[ $status -ne 0 ]]; then
	echo "postman/run.sh: FAILED (newman exit code $status); JUnit report: $junit" >&2
	exit "$status"
fi

# newman passes a run without assertions (for example a collection without tests): refuse that. The JUnit
# report keeps one test suite per request, so a polled request counts once.
assertions="$(node -e '
	const xml = require("fs").readFileSync(process.argv[1], "utf8");
	console.log((xml.match(/<testcase\b/g) || []).length);
' "$junit" 2>/dev/null || echo 0)"
if [[ $assertions -eq 0 ]]; then
	echo "postman/run.sh: FAILED: the run made no assertions; JUnit report: $junit" >&2
	exit 1
fi
echo "postman/run.sh: OK, all assertions passed ($assertions test cases in the JUnit report $junit)"
