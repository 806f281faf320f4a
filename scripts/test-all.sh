#!/usr/bin/env bash
# The README's test command: type-check, lint, formatting, every unit/integration
# test (database tests on SQLite and PostgreSQL, a smoke run of the benchmark, the
# end-to-end scan of an estate in moto), the browser end-to-end tests against the
# demo portal, the adopter app test (the packed packages installed into a
# scaffolded Backstage app, scripts/adopter-test.sh), and the outside probe (the
# production build driven over HTTP on SQLite and PostgreSQL, scripts/probe.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
source scripts/services.sh
source scripts/moto.sh

ensure_dependencies
ensure_postgres
ensure_chromium
# Exports MLSEC_MOTO_PYTHON: the moto tests (plugins/sagemaker-security-backend/
# src/tests/moto) run in the Jest step below and fail when moto is missing.
ensure_moto

export BACKSTAGE_TEST_DISABLE_DOCKER=1
export CI="${CI:-true}"

step() { printf '\n==> %s\n' "$*"; }
reports="$(mktemp -d)"

step "API contract is current (generated from openapi.yaml, yarn generate:api --check)"
# openapi-typescript regenerates the models, the typed router and the client of
# plugins/sagemaker-security-backend/src/schema/openapi.yaml; fails when a
# committed generated file differs.
yarn generate:api --check

step "type-check (yarn tsc)"
yarn tsc

step "API reports are current (yarn build:api-reports --ci)"
# Reads the declarations the type-check above wrote to dist-types.
yarn build:api-reports --ci \
  plugins/sagemaker-security-common \
  plugins/sagemaker-security-node \
  plugins/sagemaker-security-backend \
  plugins/catalog-backend-module-sagemaker \
  plugins/scaffolder-backend-module-sagemaker-security \
  plugins/sagemaker-security

step "lint (yarn lint:all)"
yarn lint:all

step "formatting (yarn prettier:check)"
yarn prettier:check

step "unit and integration tests (backstage-cli repo test)"
unit_status=0
yarn backstage-cli repo test --ci --json --outputFile="$reports/jest.json" || unit_status=$?

step "browser end-to-end tests (real Chromium against the demo portal)"
e2e_status=0
PLAYWRIGHT_JSON_OUTPUT_FILE="$reports/playwright.json" scripts/e2e.sh || e2e_status=$?

step "adopter app test (packed packages in a scaffolded Backstage app, scripts/adopter-test.sh)"
adopter_status=0
ADOPTER_TSC_DONE=1 scripts/adopter-test.sh || adopter_status=$?
if [ "$adopter_status" = 0 ]; then
  echo "adopter app test: passed"
else
  echo "adopter app test: FAILED (exit $adopter_status)"
fi

step "outside probe: production build on SQLite and PostgreSQL, over HTTP (scripts/probe.sh)"
probe_status=0
scripts/probe.sh || probe_status=$?

step "summary"
summary_status=0
node scripts/summarize-tests.js "$reports/jest.json" "$reports/playwright.json" || summary_status=$?

if [ "$unit_status" != 0 ] || [ "$e2e_status" != 0 ] || [ "$adopter_status" != 0 ] || [ "$probe_status" != 0 ] || [ "$summary_status" != 0 ]; then
  echo "test run failed (unit: $unit_status, e2e: $e2e_status, adopter: $adopter_status, outside probe: $probe_status, summary: $summary_status)" >&2
  exit 1
fi
