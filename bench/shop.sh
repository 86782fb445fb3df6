#!/usr/bin/env bash
# ERP stock changes on a Kafka topic -> the shop -> a WooCommerce store: a burst of 100,000 changes over 10,000 SKUs
# beside the raw feed (a plain Kafka consumer) in the same run, then a steady 1,000 changes/s, record sent -> store
# updated. A real KRaft broker (itests/kafka-broker) and a local store that follows WooCommerce's documented API; the
# built distribution on its embedded database.
# Usage: bench/shop.sh [changes] [skus] [changes per second] [seconds]   (build first: mvn -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
changes=${1:-100000}
skus=${2:-10000}
rate=${3:-1000}
seconds=${4:-10}
dist=$(ls karaf-assembly/target/vafa-karaf-assembly-*.tar.gz)
home=bench/target/shop-server
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
if (exec 3<>/dev/tcp/127.0.0.1/8181) 2>/dev/null; then echo "port 8181 is in use: stop the other server first" >&2; exit 1; fi
rm -rf "$home" && mkdir -p "$home" && tar xzf "$dist" -C "$home" --strip-components=1
mvn -q -B -pl bench exec:java -Dexec.mainClass=org.vafa.bench.ShopFeedBench -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dvafa.kafka.lib="$PWD/itests/kafka-broker/target/lib" -Dexec.args="$PWD/$home $changes $skus $rate $seconds"
