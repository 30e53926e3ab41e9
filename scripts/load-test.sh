#!/usr/bin/env bash
# ./bench.sh load's run (bench.sh has provisioned the database): the scale-N city generated once, the packaged
# server started at run.sh's heap on it, its heap sampled every second (jstat), Gatling's BureauDay against it,
# then LoadReport prints every request type beside the goals. Arguments after the scale go to Gatling
# (-Dgreenplan.users=…, -Dgreenplan.seconds=…, -Dgreenplan.importEvery=…).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/provision.sh
scale="$1"; shift
city="target/bench-data/scale-$scale"
out=target/load
mkdir -p "$out"

if [ ! -f "$city/layers.json" ]; then
  gp_log "generating the scale-$scale city into $city"
  mvn -q -B -pl engine compile exec:java@demo-town -Dexec.args="--out $city --seed 42 --scale $scale"
fi
gp_log "building the server and the load test"
mvn -q -B -DskipTests -pl server -am package
mvn -q -B -Pload -pl load test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$out/classpath.txt"

token=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
port="${GREENPLAN_LOAD_PORT:-18080}"
gp_log "starting the server on :$port with the city (the first start loads it: minutes at scale 100); log: $out/server.log"
# shellcheck disable=SC2086 # options are words
GREENPLAN_ADMIN_TOKEN="$token" GREENPLAN_DEMO_DIR="$city" GREENPLAN_IMPORT_DIR="$out/imports" \
  java $GP_SERVER_JAVA_OPTS -jar server/target/greenplan.jar --server.port="$port" >"$out/server.log" 2>&1 &
server=$!
sampler=
trap 'kill $sampler $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 3600); do
  # ready once the city is loaded (the demo loader runs before the server reports ready)
  curl -fs -o /dev/null "http://localhost:$port/actuator/health/readiness" && break
  kill -0 $server 2>/dev/null || { tail -40 "$out/server.log"; gp_log "the server stopped"; exit 1; }
  sleep 1
done
gp_log "server ready; heap samples every second in $out/heap.txt"
jstat -gc "$server" 1000 >"$out/heap.txt" &
sampler=$!

set +e
mvn -B -Pload -pl load gatling:test -Dgreenplan.url="http://localhost:$port" -Dgreenplan.token="$token" "$@" \
  | tee "$out/gatling.log"
set -e
kill $sampler 2>/dev/null || true
status=alive; kill -0 $server 2>/dev/null || status="ended (see $out/server.log)"
report=$(ls -td load/target/gatling/*/ | head -1)
java -cp "$(cat "$out/classpath.txt")" load/src/test/java/org/greenplan/load/LoadReport.java \
  "$report" "$out/heap.txt" "$out/gatling.log" "$GP_SERVER_JAVA_OPTS" "$status"
