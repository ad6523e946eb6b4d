# Sourced by run-local.sh and benchmarks/run.sh: find_jdk prints the home of a JDK 21 or later
# (JAVA_HOME, the java on the PATH, or the usual install folders), or fails.

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

# require_jdk: sets JDK to find_jdk's answer, or says what to install and exits with 1.
require_jdk() {
  if ! JDK=$(find_jdk); then
    echo "No JDK 21 or later found. Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
    exit 1
  fi
}
