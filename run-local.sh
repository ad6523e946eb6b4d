#!/usr/bin/env bash
# Starts the whole system on this machine without Docker: PostgreSQL, Kafka (KRaft), an SMTP
# sink, discovery, the three services and the gateway, each in its own process.
# Needs only a JDK 21 or later. A component that crashes is started again; Ctrl-C stops
# everything it started.
#   ./run-local.sh [--reset] [--quiet | --verbose] [--no-aot] [--scale <service>=<n>]... [--help]
set -euo pipefail
cd "$(dirname "$0")"

# shellcheck source=local-stack/find-jdk.sh
. local-stack/find-jdk.sh

require_jdk

modules=(discovery-service gateway-service inventory-service order-service notification-service local-stack)
needs_build=false
for module in "${modules[@]}"; do
  jar=$(ls "$module"/target/"$module"*.jar 2>/dev/null | head -n 1 || true)
  # its own sources, the parent pom, and the shared modules every service embeds
  if [ -z "$jar" ] || [ -n "$(find "$module/src" "$module/pom.xml" pom.xml web-support messaging-support security-support observability-support discovery-support \
      -newer "$jar" -not -path '*/target/*' -print -quit 2>/dev/null)" ]; then
    needs_build=true
  fi
done
if $needs_build; then
  echo "Building the services (first run or changed sources; this takes a few minutes)..."
  # (Maven itself on a new JDK warns about its own libraries' use of sun.misc.Unsafe: not ours to fix)
  JAVA_HOME="$JDK" ./mvnw -B -q -DskipTests -pl "$(IFS=,; echo "${modules[*]}")" -am package \
    2> >(grep -v -e '^WARNING: .*sun.misc.Unsafe' -e '^WARNING: Please consider reporting' >&2)
fi

echo "Using the JDK in $JDK"
exec "$JDK/bin/java" -Dmicroshop.root="$PWD" -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" \
  io.microshop.localstack.LocalStack "$@"
