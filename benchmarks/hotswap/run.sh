#!/usr/bin/env bash
# Hot swap under load in the real distribution: DEVICES simulated water RTUs (default 500) behind gateways of 100
# units, and BYSTANDERS RTUs (default 100) polled by another driver bundle (the grid meter's Modbus driver), each
# polled every second by the demo distribution (karaf-assembly/target/demo, started on free ports), telemetry
# (Sparkplug B, QoS 1) through a real mosquitto to a subscriber. After a window of WINDOW seconds (default 30) without
# a swap, the water driver bundle is updated with bundle:update, then uninstalled and installed again through Karaf's
# shell, WINDOW seconds after each. Reports per device the largest polling gap beyond the interval in each window,
# the bystanders' gaps, the values the runtime accepted (its history) that the subscriber never received and those
# it received twice, and every other bundle whose id, state, last-modified time or services changed.
#
#   benchmarks/hotswap/run.sh                                       full size (about 5 minutes)
#   DEVICES=50 BYSTANDERS=20 WINDOW=10 benchmarks/hotswap/run.sh    smoke run
#
# Needs mosquitto (apt-get install -y mosquitto). Figures go to benchmarks/hotswap/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -x /usr/sbin/mosquitto ] || { echo "mosquitto is not installed: apt-get install -y mosquitto" >&2; exit 1; }
cd "$root"
# One reactor run, so the distribution and the benchmark come from this work tree and nothing is installed.
mvn -B -q ${MVN_OFFLINE:--o} -P benchmarks -pl benchmarks/hotswap,karaf-assembly -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.devices="${DEVICES:-500}" -Dbench.bystanders="${BYSTANDERS:-100}" -Dbench.window="${WINDOW:-30}" \
    -Dbench.distribution="$root/karaf-assembly/target/demo" -Dbench.out="$here/target/results.txt" \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.benchmarks.hotswap.KarafHotSwapBenchmark
echo "results: $here/target/results.txt"
