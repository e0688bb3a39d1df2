#!/usr/bin/env bash
# Grid meters over DNP3: DEVICES simulated outstations (default 1000) x 100 points, in a JVM of their own, send
# unsolicited class 1 events at EVENTS per second in total (default 2 per outstation) while the grid-meter driver
# polls classes 1-3 every 5 s, class 0 every 30 s and for integrity hourly. Measures, through the device runtime and
# the driver: event-to-value latency, class 1 poll lateness (seen by the outstations), the CPU of the master's and of
# the simulator's process each on its own; then a step-up ramp of the event rate (x1.5 a step) to the rate
# sustained before latency rises, the simulator flat out (the rig's ceiling), and the baseline: the bare DNP3
# master on the same load.
#
#   benchmarks/gridmeter/run.sh                                   full size (about 10 minutes)
#   DEVICES=50 RUN_SECONDS=20 STEP_SECONDS=10 WARMUP_SECONDS=10 MAX_STEPS=3 benchmarks/gridmeter/run.sh    smoke run
#
# Figures go to benchmarks/gridmeter/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
# One reactor run, so the Urbis modules come from this work tree and nothing is installed.
mvn -B -q ${MVN_OFFLINE:--o} -P benchmarks -pl benchmarks/gridmeter -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
devices=${DEVICES:-1000}
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.devices="$devices" -Dbench.rate="${EVENTS:-$((devices * 2))}" -Dbench.seconds="${RUN_SECONDS:-120}" \
    -Dbench.stepSeconds="${STEP_SECONDS:-30}" -Dbench.warmupSeconds="${WARMUP_SECONDS:-30}" \
    -Dbench.maxSteps="${MAX_STEPS:-8}" -Dbench.out="$here/target/results.txt" \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.benchmarks.gridmeter.GridMeterBenchmark
echo "results: $here/target/results.txt"
