#!/usr/bin/env bash
# The outside probe (docs/reliability.md): builds the demo backend and the
# probe's backend the way production does (`backstage-cli package build`), then
# starts the built backends on SQLite and on PostgreSQL and drives them over
# HTTP: the auth matrix, permissions denied one by one, a seeded fuzzer,
# concurrent identical writes, kill -9 mid-scan, two replicas with the worker
# killed, bad configuration. Prints its seed and figures; exits non-zero when a
# guarantee does not hold. PROBE_SEED=<n> reproduces a run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
source scripts/services.sh

ensure_dependencies
ensure_postgres

if [ -z "${PROBE_SKIP_BUILD:-}" ]; then
  echo "[probe] building the demo backend (yarn build:backend) and the probe's backend"
  yarn build:backend >/dev/null
  yarn workspace outside-probe build >/dev/null
fi

exec node -r @backstage/cli/config/nodeTransform.cjs packages/outside-probe/src/probe/main.ts
