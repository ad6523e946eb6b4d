#!/usr/bin/env bash
# Starts the whole system on this machine without Docker: PostgreSQL, Kafka (KRaft), an SMTP
# sink, discovery, the three services and the gateway, each in its own process.
# Needs only a JDK 21 or later. A component that crashes is started again; Ctrl-C stops
# everything it started.
#   ./run-local.sh [--reset] [--quiet] [--scale <service>=<n>]... [--help]
set -euo pipefail
cd "$(dirname "$0")"

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

is_jdk21() {
  [ -x "$1/bin/java" ] || return 1
  local major
  major=$(java_major "$1/bin/java")
  [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null
}

find_jdk() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then echo "$JAVA_HOME"; return; fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p' | head -n 1)
    if [ -n "$candidate" ] && is_jdk21 "$candidate"; then echo "$candidate"; return; fi
  fi
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$HOME"/.sdkman/candidates/java/* /opt/java/* "$HOME"/.jdks/*; do
    if is_jdk21 "$candidate"; then echo "$candidate"; return; fi
  done
  return 1
}

if ! JDK=$(find_jdk); then
  echo "No JDK 21 or later found. Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
  exit 1
fi

modules=(discovery-service gateway-service inventory-service order-service notification-service local-stack)
needs_build=false
for module in "${modules[@]}"; do
  jar=$(ls "$module"/target/"$module"*.jar 2>/dev/null | head -n 1 || true)
  # its own sources, the parent pom, and the shared modules every service embeds
  if [ -z "$jar" ] || [ -n "$(find "$module/src" "$module/pom.xml" pom.xml web-support messaging-support \
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
