#!/usr/bin/env bash
# Street lighting: group dim commands to LUMINAIRES simulated nodes (default 10000) through the command
# pipeline, the device runtime, the street-lighting driver and a real mosquitto, until every device is
# CONFIRMED by readback; beside raw Paho dim commands to the same nodes waiting for their acks (the
# baseline, same run and broker); and a day of switching events of a hundred schedule groups.
#
#   benchmarks/streetlight/run.sh [luminaires [group-parallelism [io-workers [broker-tcp-nodelay]]]]
#   benchmarks/streetlight/run.sh 1000 480 16 true
#
# BENCH_JAVA_OPTS adds JVM options, e.g. a flight recording, in which each round is an urbis.benchmark.Round event:
#   BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/bench.jfr,settings=profile" benchmarks/streetlight/run.sh
# The baseline has BENCH_WARMUPS (default 4) warm-up rounds and BENCH_ROUNDS (default 3) measured ones, pooled.
# The first group command is reported on its own (JIT cold); then come BENCH_WARMUPS warm-up commands and
# BENCH_ROUNDS measured ones, each to every device, pooled.
#
# group-parallelism is the pipeline's group.parallelism (default: the product default);
# io-workers is the core runtime's poll.maxConcurrent (default 16, the product default); broker-tcp-nodelay
# (default false, as mosquitto) sets set_tcp_nodelay on the benchmark's broker.
# Needs mosquitto (apt-get install -y mosquitto). Figures go to benchmarks/streetlight/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -x /usr/sbin/mosquitto ] || { echo "mosquitto is not installed: apt-get install -y mosquitto" >&2; exit 1; }
cd "$root"
# One reactor run, so the Urbis modules come from this work tree and nothing is installed.
mvn -B -q ${MVN_OFFLINE:--o} -P benchmarks -pl benchmarks/streetlight -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
java -Xmx2g ${BENCH_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.warmups="${BENCH_WARMUPS:-4}" -Dbench.rounds="${BENCH_ROUNDS:-3}" \
    -Dbench.command="benchmarks/streetlight/run.sh $*" \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.benchmarks.streetlight.StreetlightBenchmark "$here/target/results.txt" \
    "${1:-10000}" "${2:-}" "${3:-16}" "${4:-false}"
echo "results: $here/target/results.txt"
