#!/usr/bin/env bash
# Sourced by the test scripts: makes sure PostgreSQL and Chromium are there for the
# database and browser tests, installing them with apt when absent (needs root).
# Fails loudly: a test run without them would silently skip PostgreSQL tests.

svc_log() { printf '[services] %s\n' "$*" >&2; }
svc_die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    svc_die "$* is not installed and this user cannot run apt-get; install it (apt-get install $*) and retry"
  fi
  if [ -z "${MLSEC_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || svc_die "apt-get update failed"
    export MLSEC_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 ||
    svc_die "apt-get install $* failed"
}

# Exports BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING for TestDatabases.
ensure_postgres() {
  if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
    svc_log "using PostgreSQL from BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
  else
    command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
    local version
    version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
    [ -n "$version" ] || svc_die "no PostgreSQL server found under /usr/lib/postgresql"
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $2}' | grep -qx main; then
      pg_createcluster "$version" main >&2 || svc_die "could not create a PostgreSQL $version cluster"
    fi
    if ! pg_lsclusters -h | awk '$2=="main"{print $4}' | grep -qx online; then
      svc_log "starting PostgreSQL $version"
      pg_ctlcluster "$version" main start >&2 || svc_die "could not start PostgreSQL $version"
    fi
    local password="${MLSEC_TEST_PG_PASSWORD:-mlsec-test}"
    su postgres -c "psql -q -c \"ALTER USER postgres WITH PASSWORD '$password'\"" >/dev/null ||
      svc_die "could not set the password of the postgres role"
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres:$password@127.0.0.1:5432"
  fi
  node -e '
    const { Client } = require("pg");
    const c = new Client({ connectionString: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING });
    c.connect().then(() => c.query("select 1")).then(() => c.end()).catch(e => { console.error(e.message); process.exit(1); });
  ' || svc_die "PostgreSQL is unreachable at the configured connection string"
  svc_log "PostgreSQL is reachable"
}

# Exports CHROMIUM_PATH for the browser tests.
ensure_chromium() {
  local path="${CHROMIUM_PATH:-}"
  if [ -z "$path" ]; then
    path="$(command -v chromium || command -v chromium-browser || true)"
  fi
  if [ -z "$path" ]; then
    apt_install chromium
    path="$(command -v chromium)"
  fi
  [ -x "$path" ] || svc_die "Chromium not found"
  export CHROMIUM_PATH="$path"
  svc_log "Chromium: $("$path" --version 2>/dev/null | head -1)"
}
