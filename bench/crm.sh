#!/usr/bin/env bash
# Ticket filed -> SMS to the expert, at a steady rate, against the built distribution on its embedded database
# (the development SMS gateway writes each text to data/sms/outbox.txt as it accepts it), beside the platform's raw
# event dispatch in the same run; then a customer timeline of 10,000 entries read page by page.
# Usage: bench/crm.sh [requests per second] [seconds] [timeline entries]   (build first: mvn -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-40}
seconds=${2:-30}
entries=${3:-10000}
dist=$(ls karaf-assembly/target/vafa-karaf-assembly-*.tar.gz)
home=bench/target/crm-server
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
if (exec 3<>/dev/tcp/127.0.0.1/8181) 2>/dev/null; then echo "port 8181 is in use: stop the other server first" >&2; exit 1; fi
rm -rf "$home" && mkdir -p "$home" && tar xzf "$dist" -C "$home" --strip-components=1
# one key drives all the load: lift its budget; the SMS rate limit above the ticket rate
printf 'rateLimits = *=1000000\n' > "$home/etc/org.vafa.rest.cfg"
printf 'ratePerSecond = 1000\n' > "$home/etc/org.vafa.sms.cfg"
"$home/bin/karaf" server > "$home/console.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
    curl -sf http://127.0.0.1:8181/api/health 2>/dev/null | grep -q '"UP"' && break
    sleep 1
done
key=$(grep -o 'vafa_[A-Za-z0-9_-]*' "$home/etc/initial-credentials.txt" | head -1)
mvn -q -B -pl bench exec:java -Dexec.mainClass=org.vafa.bench.CrmTicketBench -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dexec.args="http://127.0.0.1:8181 $key $home $rate $seconds $entries"
"$home/bin/stop" > /dev/null 2>&1 || true
wait $server 2>/dev/null || true
trap - EXIT
