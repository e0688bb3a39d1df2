#!/usr/bin/env bash
# Feeder forecasts and controllers at a city's scale, and their quality:
#  (a) FEEDERS feeders (default 500), each with a transformer meter, rooftop inverters and 8 weeks of history:
#      every feeder's 48 h forecast (192 quarter hours) through the grid's own code, timed (goal <= 5 s);
#  (b) a measured export limit crossing, and an import one, to the commands the controller issued through the real
#      command pipeline, timed over REACTIONS crossings (default 40; goal <= 1 s);
#  (c) a held-out month (February 2026, with Tet) of ACCURACY_FEEDERS synthetic feeders (default 50): the day-ahead
#      load forecast (made at each local midnight) against seasonal-naive (the same time a week before), MASE goal
#      <= 0.8; the PV forecast in the dry month and in a rainy one (August); then the month minute by minute with
#      the peak and export controllers acting on the simulated feeders: share of peak and export intervals kept
#      under the limit (goals >= 95 % and >= 99 %), with the controllers measuring only as the baseline for peaks,
#      and the energy curtailed.
#
#   benchmarks/grid-forecast/run.sh          FEEDERS=100 ACCURACY_FEEDERS=20 benchmarks/grid-forecast/run.sh
#
# Figures go to benchmarks/grid-forecast/target/results.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
# One reactor run, so the Urbis modules come from this work tree and nothing is installed.
mvn -B -q ${MVN_OFFLINE:--o} -P benchmarks -pl benchmarks/grid-forecast -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dbench.feeders="${FEEDERS:-500}" -Dbench.reactions="${REACTIONS:-40}" -Dbench.accuracyFeeders="${ACCURACY_FEEDERS:-50}" \
    -Dbench.out="$here/target/results.txt" \
    -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
    org.urbis.benchmarks.grid.GridForecastBenchmark
echo "results: $here/target/results.txt"
