#!/usr/bin/env bash
# Stand-in for Kafka's kafka-console-producer.sh
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.ConsoleProducer "$@"
