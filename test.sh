#!/usr/bin/env bash
# The whole test suite against a real PostGIS and a real headless Chromium: provisions what is missing,
# recreates the test database, then runs `mvn verify`. Extra arguments go to Maven (e.g. -Dtest=...).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/provision.sh

gp_install_base
gp_install_browser
gp_install_test_tools
# GREENPLAN_TEST_DB lets several checkouts share one cluster without sharing a database.
gp_provision_db "${GREENPLAN_TEST_DB:-greenplan_test}" fresh

# The compose file cannot be run here (no Docker engine), but it can be validated.
if gp_apt_install docker-compose; then
  docker-compose -f docker-compose.yml config -q && gp_log "docker-compose.yml is valid"
fi

export GREENPLAN_TEST_DB_URL="$GREENPLAN_DB_URL"
mvn -B -ntp verify "$@"
