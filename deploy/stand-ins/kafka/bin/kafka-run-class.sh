#!/usr/bin/env bash
# Stand-in for Kafka's kafka-run-class.sh: runs one of Kafka's classes on its jars, with the
# KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS and KAFKA_OPTS of the real script.
set -euo pipefail
heap=${KAFKA_HEAP_OPTS:--Xmx256M}
performance=${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent}
log4j=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.yaml}
# shellcheck disable=SC2086 # each variable holds several JVM options
exec java $heap $performance $log4j ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "$@"
