#!/usr/bin/env bash
# The README's start command: the demo portal (frontend http://localhost:3000,
# backend http://localhost:7007, SQLite in memory, the recorded demo estate):
# app-config.yaml with app-config.demo.yaml layered over it. The demo file is used
# only here (and by the end-to-end tests, which run this script).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
ensure_dependencies
exec yarn start --config "$PWD/app-config.yaml" --config "$PWD/app-config.demo.yaml"
