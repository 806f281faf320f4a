#!/usr/bin/env bash
# The README's test command: type-check, lint, formatting, every unit/integration
# test (database tests on SQLite and PostgreSQL), a smoke run of the benchmark, and
# the browser end-to-end tests against the demo portal.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
source scripts/services.sh

ensure_dependencies
ensure_postgres
ensure_chromium

export BACKSTAGE_TEST_DISABLE_DOCKER=1
export CI="${CI:-true}"

step() { printf '\n==> %s\n' "$*"; }

step "type-check (yarn tsc)"
yarn tsc

step "lint (yarn lint:all)"
yarn lint:all

step "formatting (yarn prettier:check)"
yarn prettier:check

step "unit and integration tests (yarn test)"
results="$(mktemp -d)/jest.json"
set +e
yarn backstage-cli repo test --ci --json --outputFile="$results"
unit_status=$?
set -e
node scripts/summarize-tests.js "$results" || unit_status=1
[ "$unit_status" = 0 ] || { echo "unit tests failed" >&2; exit 1; }

step "browser end-to-end tests (real Chromium against the demo portal)"
scripts/e2e.sh

echo
echo "all checks passed"
