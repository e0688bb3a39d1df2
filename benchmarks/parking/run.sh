#!/usr/bin/env bash
# Parking load: BAYS simulated sensors (default 20000) in SITES sites (default 200) behind a simulated
# ChirpStack, RATE uplinks per second (default 500) for RUN_SECONDS (default 120) through mosquitto to the
# parking driver, the device runtime and the site counts, with wrk on GET /public/parking/v3/sites at the
# same time (the feed servlet itself, with its 1 s occupancy snapshot, in Jetty 9.4 as Pax Web runs it),
# beside a raw Paho subscriber decoding nothing (the ceiling). Reports uplink-to-site-count p50/p99/max,
# the raw subscriber's, the feed's requests per second and latency (wrk) and the process's CPU time.
#
# The feed's per-client rate limit (rateLimit.perSecond, default 20) would answer wrk with 429s: the
# benchmark gives its load client a rate of its own, as a site does with rateLimit.clients in
# etc/org.urbis.parking.cfg (RATE_LIMIT_CLIENTS, default 127.0.0.1=1000000/1000000).
#
#   full size:  benchmarks/parking/run.sh
#   smaller:    BAYS=2000 SITES=20 RATE=100 RUN_SECONDS=20 benchmarks/parking/run.sh
#   wrk load:   WRK="-t2 -c16" benchmarks/parking/run.sh          (default -t1 -c4: on a 2-core machine more
#               wrk connections take the cores the platform needs and measure the machine instead)
#
# Needs Debian's mosquitto and wrk (installed here with apt-get when missing).
# Figures go to benchmarks/parking/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
for tool in wrk mosquitto; do
    if ! command -v "$tool" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$tool" ]; then
        echo "installing $tool (Debian package)"
        if [ "$(id -u)" = 0 ]; then apt-get install -y "$tool"; else sudo apt-get install -y "$tool"; fi
    fi
done
# One reactor run, so the Urbis modules come from this work tree and nothing is installed.
mvn -B -q ${MVN_OFFLINE:--o} -P benchmarks -pl benchmarks/parking -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.bays="${BAYS:-20000}" -Dbench.sites="${SITES:-200}" -Dbench.rate="${RATE:-500}" \
    -Dbench.seconds="${RUN_SECONDS:-120}" -Dbench.out="$here/target/results.txt" \
    -Dbench.rateLimitClients="${RATE_LIMIT_CLIENTS:-127.0.0.1=1000000/1000000}" -Dbench.wrk="${WRK:--t1 -c4}" \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.parking.internal.ParkingBenchmark
echo "results: $here/target/results.txt"
