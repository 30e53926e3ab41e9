#!/usr/bin/env bash
# Provisioning shared by run.sh, test.sh and bench.sh: installs what is missing and starts a
# project-owned PostgreSQL cluster with PostGIS. Sourced, not executed: it exports GREENPLAN_DB_* for
# the caller. Idempotent: a second call reuses the packages, the cluster and the databases.
#
# Settings (environment):
#   GREENPLAN_DB_URL (+ GREENPLAN_DB_USER, GREENPLAN_DB_PASSWORD, and for least privilege GREENPLAN_DB_OWNER_*,
#                       GREENPLAN_DB_IMPORT_*, GREENPLAN_DB_READER_*; see the README)  use that database, start no cluster
#   GREENPLAN_PG_PORT   port of the project cluster (default 55432; the machine's default cluster keeps 5432)
#   GREENPLAN_PGDATA    where the cluster lives (default .data/pg in the checkout, git-ignored)

GP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GP_PORT="${GREENPLAN_PG_PORT:-55432}"
# The server's JVM (run.sh, and the benchmarks' in-process server): 1 GiB with the default collector (G1), and
# exit on an OutOfMemoryError instead of living on wedged (run.sh says so; docker compose restarts the app).
# Not the throughput collector: on the scale-121 city at -Xmx1g, -XX:+UseParallelGC spent 444 s of 470 s in 53
# full collections and never answered the first network request (GC overhead limit), where G1 answers
# (docs/BENCHMARKS.md, "City scale"); G1 costs the engine ~0.5 s of 1.4 s on 2 cores (scale-100 park coverage).
# -XX:ThreadPriorityPolicy=1 lets the background jobs' low thread priority count on Linux (nice +4): imports,
# siting runs and overviews yield to the map's requests (org.greenplan.limits.BackgroundThreads).
GP_SERVER_JAVA_OPTS="${GREENPLAN_JAVA_OPTS:--Xmx1g -XX:+ExitOnOutOfMemoryError -XX:ThreadPriorityPolicy=1}"

gp_log() { printf '[greenplan] %s\n' "$*" >&2; }

gp_is_root() { [ "$(id -u)" = 0 ]; }

# Installs Debian packages that are missing; never touches ones already there.
gp_apt_install() {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! gp_is_root; then
    gp_log "missing packages: ${missing[*]} — install them (sudo apt-get install ${missing[*]}) and rerun"
    return 1
  fi
  gp_log "installing: ${missing[*]}"
  if [ -z "${GP_APT_UPDATED:-}" ]; then
    apt-get update -qq >&2 || return 1
    GP_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

gp_pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && echo "$d"
}

# What the server needs on any machine: Java, Maven, GDAL, a CJK TrueType font the PDF reports embed
# (WenQuanYi Micro Hei, Apache-2.0 or GPL-3 with the font exception: embedding allowed), and — for the local
# cluster — PostgreSQL with PostGIS and pgRouting (pgRouting is the reference the network tests compare against).
gp_install_base() {
  local pkgs=(gdal-bin fonts-wqy-microhei)
  command -v java >/dev/null || pkgs+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || pkgs+=(maven)
  if [ -z "${GREENPLAN_DB_URL:-}" ]; then
    local bin major
    bin=$(gp_pg_bin)
    if [ -z "$bin" ]; then
      pkgs+=(postgresql-15)
      major=15
    else
      major=$(basename "$(dirname "$bin")")
    fi
    # btree_gist comes with the server package itself (contrib is part of postgresql-N on Debian 12).
    pkgs+=("postgresql-$major-postgis-3" "postgresql-$major-pgrouting")
  fi
  gp_apt_install "${pkgs[@]}"
}

# Chromium and its driver for the browser tests.
gp_install_browser() {
  gp_apt_install chromium chromium-driver fonts-noto-cjk
}

# Tools only the tests use: sqlite3 builds the hostile GeoPackage of HostileGdalInputTest.
gp_install_test_tools() {
  gp_apt_install sqlite3
}

# The OS user that owns the cluster: postgres when we are root (PostgreSQL refuses to run as root).
gp_pg_user() { if gp_is_root; then echo postgres; else id -un; fi; }

gp_as_pg() {
  if gp_is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

gp_pgdata() {
  if [ -n "${GREENPLAN_PGDATA:-}" ]; then echo "$GREENPLAN_PGDATA"; return; fi
  local d="$GP_ROOT/.data/pg"
  # As root the cluster belongs to postgres, which must be able to reach the folder; a checkout under a
  # private home directory is not reachable, so fall back to a folder outside the repo keyed by its path.
  if gp_is_root && ! runuser -u postgres -- test -x "$GP_ROOT" 2>/dev/null; then
    d="/var/lib/greenplan/$(printf '%s' "$GP_ROOT" | sha1sum | cut -c1-12)/pg"
  fi
  echo "$d"
}

gp_psql_super() {
  local bin; bin=$(gp_pg_bin)
  gp_as_pg "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h /tmp -p "$GP_PORT" -U "$(gp_pg_user)" "$@"
}

gp_start_cluster() {
  local bin data log
  bin=$(gp_pg_bin)
  data=$(gp_pgdata)
  log="$(dirname "$data")/postgresql.log"
  if [ ! -f "$data/PG_VERSION" ]; then
    gp_log "creating PostgreSQL cluster in $data (port $GP_PORT)"
    mkdir -p "$data"
    if gp_is_root; then chown -R postgres:postgres "$(dirname "$data")"; fi
    chmod 700 "$data"
    gp_as_pg "$bin/initdb" -D "$data" -U "$(gp_pg_user)" -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    # Loopback only; tuned a little for bulk loads and spatial queries on a 2-core, 24 GiB machine.
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $GP_PORT
unix_socket_directories = '/tmp'
shared_buffers = 1GB
work_mem = 64MB
maintenance_work_mem = 512MB
max_wal_size = 4GB
synchronous_commit = off
CONF
  fi
  if ! gp_as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    gp_log "starting PostgreSQL on 127.0.0.1:$GP_PORT"
    gp_as_pg "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null || { cat "$log" >&2; return 1; }
  fi
}

# The roles of the local cluster (docs/ARCHITECTURE.md, "Database roles"), created or brought back to these
# settings on every run, also on a cluster made by an older version: greenplan owns the schemas and runs the
# migrations, greenplan_app is the server's runtime role, greenplan_import the ogr2ogr that loads an upload,
# greenplan_reader the ogr2ogr of an export. The grants on tables are the migrations' (afterMigrate.sql); the
# memberships need a role administrator, so they are made here: the runtime role acts as the import role on
# its scratch tables, and the owner takes over the tables the runtime role builds for new versions.
# The password of a role of the project cluster: random, made on first use and kept beside the cluster
# (mode 600). A guessable password (the role's name) would let anything that can open a connection on this
# machine, such as a hijacked GDAL process writing its own PG: string, log in as the owner.
gp_role_password() {
  local dir file
  dir="$(dirname "$(gp_pgdata)")/role-passwords"
  file="$dir/$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$dir"
    chmod 700 "$dir"
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$file")
  fi
  cat "$file"
}

# The roles of least privilege (docs/ARCHITECTURE.md, "Database roles"), created or brought in line on every
# call: no special rights, today's random password, and the two memberships the server needs.
gp_ensure_roles() {
  local r pw
  for r in greenplan greenplan_app greenplan_import greenplan_reader; do
    pw=$(gp_role_password "$r") # base64 letters and digits only; sent on standard input, never as an argument
    gp_psql_super -d postgres <<SQL
SELECT 'CREATE ROLE $r' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$r') \gexec
ALTER ROLE $r LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$pw';
SQL
  done
  gp_psql_super -d postgres <<'SQL'
DO $$
BEGIN
  IF NOT pg_has_role('greenplan_app', 'greenplan_import', 'MEMBER') THEN
    GRANT greenplan_import TO greenplan_app;
  END IF;
  IF NOT pg_has_role('greenplan', 'greenplan_app', 'MEMBER') THEN
    GRANT greenplan_app TO greenplan;
  END IF;
END $$;
SQL
}

# Creates (or, with "fresh", recreates) a database owned by the greenplan role, with the extensions
# that need a superuser to create.
gp_ensure_database() {
  local db="$1" mode="${2:-keep}"
  gp_ensure_roles
  if [ "$mode" = fresh ]; then
    gp_psql_super -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  fi
  if [ -z "$(gp_psql_super -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    gp_psql_super -d postgres -c "CREATE DATABASE $db OWNER greenplan"
  fi
  gp_psql_super -d "$db" -c "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS btree_gist; CREATE EXTENSION IF NOT EXISTS pgrouting;"
}

# Exports GREENPLAN_DB_URL/USER/PASSWORD for database $1, starting the local cluster unless an external
# database was given.
gp_provision_db() {
  local db="$1" mode="${2:-keep}"
  if [ -n "${GREENPLAN_DB_URL:-}" ]; then
    gp_log "using external database $GREENPLAN_DB_URL"
    return 0
  fi
  gp_start_cluster
  gp_ensure_database "$db" "$mode"
  export GREENPLAN_DB_URL="jdbc:postgresql://127.0.0.1:$GP_PORT/$db"
  export GREENPLAN_DB_OWNER_USER=greenplan GREENPLAN_DB_OWNER_PASSWORD="$(gp_role_password greenplan)"
  export GREENPLAN_DB_USER=greenplan_app GREENPLAN_DB_PASSWORD="$(gp_role_password greenplan_app)"
  export GREENPLAN_DB_IMPORT_USER=greenplan_import GREENPLAN_DB_IMPORT_PASSWORD="$(gp_role_password greenplan_import)"
  export GREENPLAN_DB_READER_USER=greenplan_reader GREENPLAN_DB_READER_PASSWORD="$(gp_role_password greenplan_reader)"
}
