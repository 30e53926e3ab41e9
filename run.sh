#!/usr/bin/env bash
# Starts greenplan with the demo town: installs what is missing, starts the project's PostGIS cluster,
# builds the server when the sources changed, and serves http://localhost:${GREENPLAN_PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/provision.sh

gp_install_base
gp_provision_db greenplan

jar=server/target/greenplan.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml engine/pom.xml engine/src server/pom.xml server/src web gis-data -newer "$jar" -print -quit 2>/dev/null)" ]; then
  gp_log "building the server"
  mvn -q -B -DskipTests -pl server -am package
fi

mkdir -p .data
if [ -z "${GREENPLAN_ADMIN_TOKEN:-}" ]; then
  [ -s .data/admin-token ] || head -c 24 /dev/urandom | base64 | tr -d '/+=' > .data/admin-token
  GREENPLAN_ADMIN_TOKEN=$(cat .data/admin-token)
  export GREENPLAN_ADMIN_TOKEN
fi
port="${GREENPLAN_PORT:-8080}"

# shellcheck disable=SC2086 # options are words
java $GP_SERVER_JAVA_OPTS -jar "$jar" --server.port="$port" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' INT TERM EXIT
for _ in $(seq 1 180); do
  if curl -fs -o /dev/null "http://localhost:$port/conformance?f=json"; then break; fi
  kill -0 $server 2>/dev/null || { gp_log "the server stopped; see the log above"; exit 1; }
  sleep 1
done
cat <<MSG

  greenplan is running:  http://localhost:$port/
  API (OGC API - Features): http://localhost:$port/collections
  dev admin token:        $GREENPLAN_ADMIN_TOKEN
      (curl -H "Authorization: Bearer $GREENPLAN_ADMIN_TOKEN" ...; it makes the API keys of each workspace:
       POST /api/v1/workspaces/{ws}/keys, docs/GUIDE.md "Keys, roles")
  Stop with Ctrl-C.

MSG
status=0
wait $server || status=$?
trap - INT TERM EXIT
# -XX:+ExitOnOutOfMemoryError ends the JVM with status 3 after "Terminating due to java.lang.OutOfMemoryError"
if [ "$status" -eq 3 ]; then
  gp_log "the server ran out of memory (heap: ${GP_SERVER_JAVA_OPTS}) and stopped instead of living on wedged;"
  gp_log "see the log above for the request, then start it again (GREENPLAN_JAVA_OPTS='-Xmx2g -XX:+ExitOnOutOfMemoryError -XX:ThreadPriorityPolicy=1' gives it more)"
elif [ "$status" -ne 0 ] && [ "$status" -ne 130 ] && [ "$status" -ne 143 ]; then
  gp_log "the server stopped with status $status; see the log above"
fi
exit "$status"
