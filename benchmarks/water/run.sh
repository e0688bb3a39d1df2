#!/usr/bin/env bash
# Water polling load: DEVICES simulated RTUs (default 1000) x 20 registers polled every second for
# RUN_SECONDS (default 180) through the platform and the water driver (block reads), then the same with
# a plain j2mod loop (one request per register). Reports achieved poll rate, p50/p99 lateness, CPU
# and Modbus requests saved by block reads.
#
#   benchmarks/water/run.sh                    DEVICES=200 RUN_SECONDS=30 benchmarks/water/run.sh
#
# Figures go to benchmarks/water/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
# One reactor run, so the Urbis modules come from this work tree and nothing is installed.
mvn -B -q ${MVN_OFFLINE:--o} -P benchmarks -pl benchmarks/water -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.devices="${DEVICES:-1000}" -Dbench.seconds="${RUN_SECONDS:-180}" -Dbench.out="$here/target/results.txt" \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.benchmarks.water.WaterPollBenchmark
echo "results: $here/target/results.txt"
