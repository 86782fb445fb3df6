#!/usr/bin/env bash
# Events through the Kafka transport end to end (a plugin's transaction -> outbox -> relay -> topic -> consumer group ->
# route) beside the raw Kafka producer and consumer on the same broker in the same run, then publish -> route latency at
# a steady load, and the database transport's figures beside them. A real KRaft broker (itests/kafka-broker) and the
# machine's PostgreSQL (127.0.0.1:5432).
# Usage: bench/kafka.sh [events] [publisher threads] [steady events per second] [seconds]   (build first: mvn -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
mvn -q -B -pl bench exec:java -Dexec.mainClass=org.vafa.bench.KafkaTransportBench -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dvafa.kafka.lib="$PWD/itests/kafka-broker/target/lib" -Dexec.args="${1:-20000} ${2:-4} ${3:-200} ${4:-10}"
