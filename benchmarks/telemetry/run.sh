#!/usr/bin/env bash
# Telemetry throughput: point updates accepted into the durable buffer per second, and delivered through
# a real mosquitto per second, beside a raw Paho client publishing one point per QoS 1 message (the
# baseline, measured in the same run against the same broker).
#
#   benchmarks/telemetry/run.sh [accepted-count [delivered-count [baseline-count]]]
#
# Needs mosquitto (apt-get install -y mosquitto). Figures go to benchmarks/telemetry/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -x /usr/sbin/mosquitto ] || { echo "mosquitto is not installed: apt-get install -y mosquitto" >&2; exit 1; }
cd "$root"
# One reactor run, so the Urbis modules come from this work tree and nothing is installed.
mvn -B -q -P benchmarks -pl benchmarks/telemetry -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.benchmarks.telemetry.TelemetryBenchmark "$here/target/results.txt" "${1:-2000000}" "${2:-500000}" "${3:-50000}"
