#!/usr/bin/env bash
# Stand-in for Kafka's kafka-broker-api-versions.sh
exec /opt/kafka/bin/kafka-run-class.sh org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
