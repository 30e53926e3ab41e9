#!/usr/bin/env bash
# Benchmarks, one command each; every one prints greenplan's figure beside its reference, measured in
# the same run. Timings are printed, never asserted: machines here are shared and noisy.
#
#   ./bench.sh features   bbox item queries of 1,000 features on the scale-100 city (HTTP) vs the same SQL
#   ./bench.sh coverage   park service-radius coverage: engine alone, API end to end, the same in PostGIS SQL;
#                         control-line check of a 50 ha project via the API (p50/p95)
#   ./bench.sh tiles      MVT and PNG tiles z 12–16 of the city's residential and road layers: uncached p50/p95
#                         per format beside ST_AsMVT alone in SQL, cached tiles/s with concurrent clients
#
# The scale-100 city is generated once into target/bench-data and loaded once into the greenplan_bench
# database; later runs reuse both. GREENPLAN_BENCH_SCALE changes the scale (e.g. 10 for a quick look).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/provision.sh

what="${1:-}"
case "$what" in
  features) main=org.greenplan.bench.FeatureQueryBench ;;
  coverage) main=org.greenplan.bench.CoverageBench ;;
  tiles) main=org.greenplan.bench.TileBench ;;
  *) echo "usage: ./bench.sh features|coverage|tiles" >&2; exit 2 ;;
esac
shift

gp_install_base
gp_provision_db greenplan_bench
mvn -q -B -DskipTests test-compile
mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass="$main" -Dexec.cleanupDaemonThreads=false \
  -Dexec.args="--scale ${GREENPLAN_BENCH_SCALE:-100} $*"
