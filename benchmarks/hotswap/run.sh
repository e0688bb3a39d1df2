#!/usr/bin/env bash
# Hot swap under load: DEVICES simulated water RTUs (default 500) behind gateways of 100 units, and BYSTANDERS RTUs
# (default 100) of another driver id, x 20 registers polled every second, telemetry (Sparkplug B, QoS 1) through a
# real mosquitto to a subscriber. After a baseline window of WINDOW seconds (default 30) without a swap, the water
# driver is replaced (an update), then again (a reinstall), WINDOW seconds after each. Reports the polling gap
# across each swap against the largest gap of the baseline window, the bystanders' gaps during the swaps against
# theirs in the baseline, and the values the driver produced and the platform accepted that never reached the
# subscriber (must be 0).
#
#   benchmarks/hotswap/run.sh                                   full size (about 3 minutes)
#   DEVICES=50 BYSTANDERS=20 WINDOW=10 benchmarks/hotswap/run.sh    smoke run
#
# Needs mosquitto (apt-get install -y mosquitto). Figures go to benchmarks/hotswap/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -x /usr/sbin/mosquitto ] || { echo "mosquitto is not installed: apt-get install -y mosquitto" >&2; exit 1; }
cd "$root"
# One reactor run, so the Urbis modules come from this work tree and nothing is installed.
mvn -B -q ${MVN_OFFLINE:--o} -P benchmarks -pl benchmarks/hotswap -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.devices="${DEVICES:-500}" -Dbench.bystanders="${BYSTANDERS:-100}" -Dbench.window="${WINDOW:-30}" \
    -Dbench.out="$here/target/results.txt" \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.benchmarks.hotswap.HotSwapBenchmark
echo "results: $here/target/results.txt"
