#!/usr/bin/env bash
# History write load: DEVICES devices (default 10,000) x 10 points reporting every 10 s (10,000 values/s)
# through the event stream into the history store for RUN_SECONDS (default 180), with queries while it
# writes: one point's last day raw, and a device's 30 days (backfilled first) downsampled to 500 buckets.
# Then the same values for BASELINE_SECONDS (default 60) appended to a plain file, synced every second,
# as the ceiling. Reports CPU (share of one core), query latencies and bytes on disk per million values.
#
#   benchmarks/history/run.sh               DEVICES=1000 RUN_SECONDS=30 benchmarks/history/run.sh
#
# Figures go to benchmarks/history/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
# One reactor run, so the Urbis modules come from this work tree and nothing is installed.
mvn -B -q ${MVN_OFFLINE:--o} -P benchmarks -pl benchmarks/history -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.devices="${DEVICES:-10000}" -Dbench.seconds="${RUN_SECONDS:-180}" \
    -Dbench.baselineSeconds="${BASELINE_SECONDS:-60}" -Dbench.backfillDevices="${BACKFILL_DEVICES:-5}" \
    -Dbench.dir="$here/target/data" -Dbench.out="$here/target/results.txt" \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.benchmarks.history.HistoryBenchmark
echo "results: $here/target/results.txt"
