#!/usr/bin/env bash
# REST API and web console: the built distribution (production profile) with DEVICES test-driver devices
# (default 10000), run as its own process on free loopback ports and measured over real HTTP:
# the device list, device details at a fixed rate, live events to many clients, and the console's map
# with every device drawn in headless Chromium; beside the same server's smallest answer (GET /api/v1/site),
# measured in the same run.
#
#   benchmarks/rest/run.sh [devices [rate-per-second [seconds-per-phase [event-clients]]]]
#   benchmarks/rest/run.sh 10000 200 30 50
#
# Needs Debian's chromium and node/npm (apt-get install -y chromium nodejs npm). Figures go to
# benchmarks/rest/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -x /usr/bin/chromium ] || { echo "chromium is not installed: apt-get install -y chromium" >&2; exit 1; }
cd "$root"
# One reactor run, so the distribution and the test driver come from this work tree and nothing is installed.
mvn -B -q ${MVN_OFFLINE:--o} -P benchmarks -pl benchmarks/rest -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
(cd "$here" && npm ci --no-audit --no-fund --silent)
java -Xmx1g -Dbench.command="benchmarks/rest/run.sh $*" \
    -Dbench.assembly="$(ls "$root"/karaf-assembly/target/urbis-karaf-assembly-*.tar.gz)" \
    -Dbench.testDriver="$(ls "$root"/integration-tests/test-driver/target/urbis-test-driver-*.jar)" \
    -Dbench.signer="$root/device-drivers/demo-signing-key/urbis-demo-driver-signer.pem" \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.benchmarks.rest.RestBenchmark "$here/target/results.txt" "${1:-10000}" "${2:-200}" "${3:-30}" "${4:-50}"
echo "results: $here/target/results.txt"
