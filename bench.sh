#!/usr/bin/env bash
# Benchmarks, one command each; every one prints greenplan's figure beside its reference, measured in
# the same run. Timings are printed, never asserted: machines here are shared and noisy.
#
#   ./bench.sh features   bbox item queries of 1,000 features on the scale-100 city (HTTP) vs the same SQL
#   ./bench.sh coverage   park service-radius coverage: engine alone, API end to end, the same in PostGIS SQL;
#                         control-line check of a 50 ha project via the API (p50/p95)
#   ./bench.sh network    walking network: graph build + memory, 15-min life-circle coverage (engine, API),
#                         isochrone p50/p95, and pgRouting pgr_drivingDistance on the same edges
#   ./bench.sh import     a 1,000,000-polygon zipped GBK shapefile (GK zone 40) through POST /api/v1/imports
#                         vs plain ogr2ogr -f PostgreSQL, and the server's heap (JVM capped at 1 GiB);
#                         `./bench.sh import --features 100000` for a quicker look
#   ./bench.sh tiles      MVT and PNG tiles z 12–16 of the five layers the load test's map shows (residential, roads,
#                         parks, construction land, facilities): uncached p50/p95 per format and zoom (PNG per layer
#                         too) beside ST_AsMVT alone in SQL, cached tiles/s with concurrent clients
#   ./bench.sh png        drawing and encoding alone of PNG tiles z 12–16 of the five layers the load test's map shows,
#                         from the vector tiles the server draws them from (read once over JDBC, read-only; no server)
#   ./bench.sh keys       API key authentication: the first use (bcrypt), later uses in-process p50/p99 beside a
#                         configured token, and HTTP with the key vs without a token (goal: p99 < 1 ms after first use)
#   ./bench.sh report     Word and PDF reports of the demo town (gis-data/demo) over HTTP: the first after start-up,
#                         a new scope (every indicator computed), cached runs (documents and maps alone); goal ≤ 5 s
#   ./bench.sh siting     补短板选址: ~2,000 park candidates × the city's parcels to 90 % in network mode (greedy,
#                         each step timed), beside OR-Tools CP-SAT on the same instance (10 min limit) and the ratio
#   ./bench.sh load       Gatling (load/): 50 people for 3 minutes on the packaged server at -Xmx1g with the scale-100
#                         city — tiles 80 %, item pages, cached and new indicators, isochrones, an import every
#                         30 s; per request type throughput, p50/p95/p99 and errors beside the goals, and the heap
#                         (HTML report under load/target/gatling; `-Dgreenplan.users=10 -Dgreenplan.seconds=60`)
#   ./bench.sh engine     the engines alone on synthetic cities, no database: park coverage of 100k parcels
#                         (ParkServiceCoverageBench), control-line checks against county-size lines
#                         (ControlLinesBench), a 501 × 501 walking grid (WalkNetworkBench)
#
# The scale-100 city is generated once into target/bench-data and loaded once into the greenplan_bench
# database; later runs reuse both. GREENPLAN_BENCH_SCALE changes the scale (e.g. 10 for a quick look); other
# scales get a database of their own (greenplan_bench_s<scale>; siting: greenplan_bench_siting_s<scale>). `network` defaults to scale 121.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/provision.sh

what="${1:-}"
db=greenplan_bench
case "$what" in
  features) main=org.greenplan.bench.FeatureQueryBench ;;
  coverage) main=org.greenplan.bench.CoverageBench ;;
  # the benchmark holds its own copy of every road, parcel and facility beside the server's: 2 GiB for both
  network) main=org.greenplan.bench.NetworkBench; default_scale=121; heap=-Xmx2g ;; # 100 → 466k street segments, 121 (11×11 towns) → ≥ 500k; 110 rounds to 10×10
  # its own database: a server starting on a shared one fails the jobs it finds running (start-up recovery)
  import) main=org.greenplan.bench.ImportBench; db=greenplan_bench_import; heap=-Xmx1g ;; # the goal: < 1 GiB
  tiles) main=org.greenplan.bench.TileBench ;;
  png) main=org.greenplan.bench.PngTileBench ;; # reads greenplan_bench as loaded by `tiles`, in read-only transactions
  keys) main=org.greenplan.bench.KeyAuthBench; db=greenplan_bench_keys ;; # its own database, as import
  report) main=org.greenplan.bench.ReportBench; db=greenplan_bench_report ;; # the demo town, its own database
  siting) main=org.greenplan.bench.SitingBench; db=greenplan_bench_siting ;; # its own database, as keys
  engine|load) ;;
  *) echo "usage: ./bench.sh features|coverage|network|import|tiles|png|keys|report|siting|load|engine" >&2; exit 2 ;;
esac
shift

if [ "$what" = engine ]; then # in-memory engines: no scale, no database
  gp_install_base
  for main in ParkServiceCoverageBench ControlLinesBench WalkNetworkBench; do
    gp_log "$main"
    mvn -q -B -pl server -am -DskipTests test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass="org.greenplan.bench.$main" \
      -Dexec.cleanupDaemonThreads=false
  done
  exit 0
fi

if [ "$what" = load ]; then # the packaged server in a JVM of its own, as run.sh starts it; Gatling in another
  scale="${GREENPLAN_BENCH_SCALE:-100}"
  [ "$scale" = 100 ] || db="greenplan_bench_s$scale"
  gp_install_base
  gp_provision_db "$db"
  exec scripts/load-test.sh "$scale" "$@"
fi

# the benchmarks' server runs in Maven's JVM, with the options run.sh gives the server (provision.sh)
export MAVEN_OPTS="${MAVEN_OPTS:-} $GP_SERVER_JAVA_OPTS ${heap:-}"

scale="${GREENPLAN_BENCH_SCALE:-${default_scale:-100}}"
# one database per scale: the demo loader keeps layers that already exist, so two scales must not share one
[ "$db" != greenplan_bench ] || [ "$scale" = 100 ] || db="greenplan_bench_s$scale"
[ "$what" != siting ] || [ "$scale" = 100 ] || db="greenplan_bench_siting_s$scale"

gp_install_base
gp_provision_db "$db"
mvn -q -B -pl server -am -DskipTests test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass="$main" -Dexec.cleanupDaemonThreads=false \
  -Dexec.args="--scale $scale $*"
