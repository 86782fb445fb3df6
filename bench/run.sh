#!/usr/bin/env bash
# Prints the benchmark figures: events published → delivered to a route subscription, beside the raw
# cost of the same number of one-row database commits, on the embedded H2 database and on PostgreSQL.
# and the club: a member looked up by card among 1,000,000, points earned on a sale through the rules.
# Usage: bench/run.sh [events] [publisher threads] [members]   (build first: mvn -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-20000}
threads=${2:-4}
members=${3:-1000000}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
for vendor in h2 postgresql; do
    mvn -q -B -pl bench exec:java -Dexec.mainClass=org.vafa.bench.EventDeliveryBench \
        -Dexec.args="$vendor $events $threads" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
    mvn -q -B -pl bench exec:java -Dexec.mainClass=org.vafa.bench.ClubBench \
        -Dexec.args="$vendor $members 20000 5000 $threads" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
done
