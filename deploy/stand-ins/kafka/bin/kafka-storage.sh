#!/usr/bin/env bash
# Stand-in for Kafka's kafka-storage.sh
exec /opt/kafka/bin/kafka-run-class.sh kafka.tools.StorageTool "$@"
