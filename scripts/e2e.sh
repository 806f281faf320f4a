#!/usr/bin/env bash
# Starts the demo portal exactly as the README's start command does, runs the
# Playwright tests in the system Chromium against it, and stops it again.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
source scripts/services.sh
ensure_chromium

for port in 3000 7007; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use: stop the running portal before the end-to-end tests" >&2
    exit 1
  fi
done

log_dir="$(mktemp -d)"
portal_log="$log_dir/portal.log"
setsid scripts/start-demo.sh >"$portal_log" 2>&1 &
portal_pid=$!
stop_portal() {
  kill -TERM -- "-$portal_pid" 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 -- "-$portal_pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL -- "-$portal_pid" 2>/dev/null || true
}
trap stop_portal EXIT

wait_for() {
  local url="$1" deadline=$((SECONDS + 420))
  until curl -fsS -o /dev/null "$url"; do
    if ! kill -0 "$portal_pid" 2>/dev/null; then
      echo "the demo portal exited; its log:" >&2
      tail -n 80 "$portal_log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "timed out waiting for $url; portal log:" >&2
      tail -n 80 "$portal_log" >&2
      exit 1
    fi
    sleep 2
  done
}
echo "waiting for the demo portal (backend :7007, frontend :3000)..."
wait_for http://localhost:7007/.backstage/health/v1/readiness
wait_for http://localhost:3000
echo "portal is up after ${SECONDS}s"

set +e
yarn playwright test
status=$?
set -e
if [ "$status" != 0 ]; then
  echo "end-to-end tests failed; last portal log lines:" >&2
  tail -n 60 "$portal_log" >&2
fi
exit "$status"
