#!/usr/bin/env bash
# Scale-out throughput: readings per second delivered to a Sparkplug B host application from one
# district (an Urbis runtime, the demo distribution) alone, and from three districts through a
# three-node RabbitMQ cluster, beside the cluster's own ceiling for QoS 1 messages from a raw Paho
# publisher on one node to a subscriber on another, all in the same run. The harness is the scale-out
# system test's (integration-tests/scale-out): ScaleOutBenchmarkIT.
#
#   benchmarks/scale-out/run.sh [seconds-per-window [luminaires-per-district]]
#
# Needs rabbitmq-server (apt-get install -y rabbitmq-server) and the built demo distribution
# (mvn -B -DskipTests package). Figures go to benchmarks/scale-out/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { echo "rabbitmq-server is not installed: apt-get install -y rabbitmq-server" >&2; exit 1; }
[ -x "$root/karaf-assembly/target/demo/bin/karaf" ] || { echo "no demo distribution: run 'mvn -B -DskipTests package' first" >&2; exit 1; }
mkdir -p "$here/target"
cd "$root"
mvn -B -q -pl bundles/api,integration-tests/test-support,integration-tests/scale-out verify \
    -Durbis.scaleout.skip=false -Dit.test=ScaleOutBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Durbis.scaleout.results="$here/target/results.txt" \
    -Durbis.scaleout.seconds="${1:-30}" -Durbis.scaleout.reporters="${2:-20}"
cat "$here/target/results.txt"
