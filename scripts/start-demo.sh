#!/usr/bin/env bash
# The README's start command: the demo portal (frontend http://localhost:3000,
# backend http://localhost:7007, SQLite in memory, the recorded demo estate).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
ensure_dependencies
exec yarn start
