#!/usr/bin/env bash
# Irrigation at a city's scale and its watering quality:
#  (a) CONTROLLERS irrigation controllers (default 500) x ZONES zones (default 16): DAYS days (default 180) of
#      daily balances and programs, timed; then the night with the most runs sent through the command pipeline
#      (its times compressed COMPRESSION-fold, default 240) as the scheduler with its own rate, and again with the
#      default per-issuer rate as the baseline: lateness of each zone start at the device, a zone's k-th start
#      against its k-th planned run (compression only brings the commands closer together: a harder test);
#  (b) SWAT-style: six zones of different plant, soil, roots and heads over 30 days of Phan Thiet weather (a dry
#      season series and one with rain), graded by the benchmark's own root-zone balance from the weather and the
#      seconds the simulated controllers were told to run: irrigation adequacy and scheduling efficiency per zone.
#
#   benchmarks/irrigation/run.sh          CONTROLLERS=50 DAYS=30 benchmarks/irrigation/run.sh
#
# Figures go to benchmarks/irrigation/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
# One reactor run, so the Urbis modules come from this work tree and nothing is installed.
mvn -B -q ${MVN_OFFLINE:--o} -P benchmarks -pl benchmarks/irrigation -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.controllers="${CONTROLLERS:-500}" -Dbench.zones="${ZONES:-16}" -Dbench.days="${DAYS:-180}" \
    -Dbench.compression="${COMPRESSION:-240}" -Dbench.out="$here/target/results.txt" \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.benchmarks.irrigation.IrrigationBenchmark
echo "results: $here/target/results.txt"
