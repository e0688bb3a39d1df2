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
mkdir -p "$here/target"
cd "$root"
mvn -B -q ${MVN_OFFLINE:--o} -pl device-drivers/water -am install -DskipTests
mvn -B -q ${MVN_OFFLINE:--o} -pl device-drivers/water test-compile surefire:test \
    -Dtest=WaterPollBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.devices="${DEVICES:-1000}" -Dbench.seconds="${RUN_SECONDS:-180}" \
    -Dbench.out="$here/target/results.txt" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
echo "results: $here/target/results.txt"
