#!/usr/bin/env bash
# The console's dashboard at scale, on the embedded H2 database and on PostgreSQL (127.0.0.1:5432, user postgres):
# each report's time over [members] members, [ledger rows] points entries and [purchases] purchases, beside a plain
# count of the ledger; the dashboard's first computation and the kept figures served after it.
# Usage: bench/dashboard.sh [members] [ledger rows] [purchases]   (build first: mvn -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-1000000}
ledger=${2:-10000000}
purchases=${3:-1000000}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
for vendor in h2 postgresql; do
    mvn -q -B -pl bench exec:java -Dexec.mainClass=org.vafa.bench.DashboardBench \
        -Dexec.args="$vendor $members $ledger $purchases" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
done
