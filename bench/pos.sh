#!/usr/bin/env bash
# Completed sales over HTTP against the built distribution on PostgreSQL (127.0.0.1:5432, user postgres),
# several registers at once, beside pgbench's write TPS on the same PostgreSQL in the same run.
# Then the register's card lookup over HTTP once the club has [lookup members] (added straight to its tables).
# Usage: bench/pos.sh [registers] [sales per register] [members] [lookup members]   (build first: mvn -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
registers=${1:-8}
sales=${2:-500}
members=${3:-2000}
lookup_members=${4:-1000000}
pg="psql -h 127.0.0.1 -U postgres -q -X"
export PGOPTIONS="-c client_min_messages=warning"
dist=$(ls karaf-assembly/target/vafa-karaf-assembly-*.tar.gz)
home=bench/target/pos-server
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;" \
     "PostgreSQL $($pg -tAc 'SHOW server_version')"
if (exec 3<>/dev/tcp/127.0.0.1/8181) 2>/dev/null; then echo "port 8181 is in use: stop the other server first" >&2; exit 1; fi
rm -rf "$home" && mkdir -p "$home" && tar xzf "$dist" -C "$home" --strip-components=1
# the load generator is many tills' worth of traffic per key: lift the per-key budgets (README, rateLimits)
printf 'rateLimits = *=1000000\nmemberLookupsPerMinute = 100000000\n' > "$home/etc/org.vafa.rest.cfg"
$pg -c "DROP DATABASE IF EXISTS vafa_pos_bench WITH (FORCE)" -c "CREATE DATABASE vafa_pos_bench"
VAFA_DB_URL=jdbc:postgresql://127.0.0.1:5432/vafa_pos_bench VAFA_DB_USER=postgres "$home/bin/karaf" server > "$home/console.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
    curl -sf http://127.0.0.1:8181/api/health 2>/dev/null | grep -q '"UP"' && break
    sleep 1
done
key=$(grep -o 'vafa_[A-Za-z0-9_-]*' "$home/etc/initial-credentials.txt" | head -1)
mvn -q -B -pl bench exec:java -Dexec.mainClass=org.vafa.bench.PosBench -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dexec.args="http://127.0.0.1:8181 $key bundles/club/src/main/resources/rules/iranian-shop.json $registers $sales $members \
    jdbc:postgresql://127.0.0.1:5432/vafa_pos_bench postgres $lookup_members"
"$home/bin/stop" > /dev/null 2>&1 || true
wait $server 2>/dev/null || true
trap - EXIT
# the same PostgreSQL's own write capacity: pgbench's TPC-B-like transactions (5 statements, 1 commit each)
$pg -c "DROP DATABASE IF EXISTS vafa_pgbench WITH (FORCE)" -c "CREATE DATABASE vafa_pgbench"
pgbench -h 127.0.0.1 -U postgres -i -q -s 10 vafa_pgbench > /dev/null 2>&1
echo "pgbench (same PostgreSQL, $registers clients, TPC-B-like writes, 20 s):" \
     "$(pgbench -h 127.0.0.1 -U postgres -c "$registers" -j 2 -T 20 vafa_pgbench 2>/dev/null | grep -E '^tps' | sed 's/ (without initial connection time)//')"
$pg -c "DROP DATABASE IF EXISTS vafa_pgbench WITH (FORCE)" -c "DROP DATABASE IF EXISTS vafa_pos_bench WITH (FORCE)"
