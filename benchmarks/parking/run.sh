#!/usr/bin/env bash
# Parking load: BAYS simulated sensors (default 20000) in SITES sites (default 200) behind a simulated
# ChirpStack, RATE uplinks per second (default 500) for RUN_SECONDS (default 120) through mosquitto to the
# parking driver and the device runtime, with wrk on the ParkAPI sites feed at the same time, beside a raw
# Paho subscriber decoding nothing (the ceiling). Reports uplink-to-site-count p50/p99, the raw
# subscriber's, the feed's requests per second and the process's CPU time.
#
#   benchmarks/parking/run.sh                  BAYS=2000 RATE=100 RUN_SECONDS=15 benchmarks/parking/run.sh
#
# Needs mosquitto (Debian's) and wrk. Figures go to benchmarks/parking/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
# One reactor run, so the Urbis modules come from this work tree and nothing is installed.
mvn -B -q ${MVN_OFFLINE:--o} -P benchmarks -pl benchmarks/parking -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.bays="${BAYS:-20000}" -Dbench.sites="${SITES:-200}" -Dbench.rate="${RATE:-500}" \
    -Dbench.seconds="${RUN_SECONDS:-120}" -Dbench.out="$here/target/results.txt" \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.parking.internal.ParkingBenchmark
echo "results: $here/target/results.txt"
