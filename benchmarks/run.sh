#!/usr/bin/env bash
# The benchmark suite: starts the local stack (./run-local.sh) several times to time its start-up,
# then once more to measure it under load against its own limits, and writes
# benchmarks/target/report/report.md and report.json (and Gatling's HTML reports beside them).
# About 40 minutes with the defaults; --quick takes about 10 and is only for trying it out.
# Needs a JDK 21 or later, wrk and pgbench (installed with apt-get when missing and run as root),
# and the stack's ports free: stop ./run-local.sh first.
#   benchmarks/run.sh [--quick] [--repeat <n>] [--only <measure>,...] ... (--help for all)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=../local-stack/find-jdk.sh
. local-stack/find-jdk.sh
require_jdk
# ./run-local.sh, which the suite starts, then uses the same JDK
export JAVA_HOME="$JDK"

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v pgbench >/dev/null 2>&1 || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "The benchmarks need ${missing[*]}: install them (Debian/Ubuntu: apt-get install wrk postgresql-client)" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "Building the services and the suite ..."
JAVA_HOME="$JDK" ./mvnw -B -q -DskipTests \
  -pl benchmarks,discovery-service,gateway-service,inventory-service,order-service,notification-service,local-stack \
  -am package 2> >(grep -v -e '^WARNING: .*sun.misc.Unsafe' -e '^WARNING: Please consider reporting' >&2)

exec "$JDK/bin/java" -Dmicroshop.root="$PWD" -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
  io.microshop.benchmarks.BenchmarkSuite "$@"
