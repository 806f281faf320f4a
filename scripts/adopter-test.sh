#!/usr/bin/env bash
# The adopter app test (issue "Adoption"): the six packages, built and packed with
# `yarn pack` from this checkout, installed into adopter-app/ (a Backstage app
# scaffolded by @backstage/create-app, new frontend system, on the current release),
# wired exactly as the README's marked blocks say, and exercised: tsc:full, the
# backend on SQLite, every route, the catalog module's entities and templates, the
# scaffolder action, a remediation link, the actions registry, a browser test, and
# one version of each @backstage package our plugins use.
#
#   scripts/adopter-test.sh                    run it
#   scripts/adopter-test.sh --update-lockfile  also write the app's re-resolved
#                                              yarn.lock (without our tarballs) back
#                                              to adopter-app/yarn.lock
#
# Works in .adopter-work/ (git-ignored; node_modules is kept between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
source scripts/services.sh
ensure_chromium

REPO="$PWD"
WORK="${ADOPTER_WORK_DIR:-$REPO/.adopter-work}"
APP="$WORK/app"
TARBALLS="$APP/mlsec-packages"
UPDATE_LOCKFILE=false
[ "${1:-}" = "--update-lockfile" ] && UPDATE_LOCKFILE=true

PACKAGES=(
  sagemaker-security-common
  sagemaker-security-node
  sagemaker-security-backend
  catalog-backend-module-sagemaker
  scaffolder-backend-module-sagemaker-security
  sagemaker-security
)

step() { printf '\n==> [adopter] %s\n' "$*"; }
started=$SECONDS

step "build the six packages (tsc declarations, then backstage-cli package build)"
# The test command has just run `yarn tsc`; run on its own, this script does.
[ "${ADOPTER_TSC_DONE:-}" = 1 ] || yarn tsc
for pkg in "${PACKAGES[@]}"; do
  (cd "plugins/$pkg" && yarn backstage-cli package build) >/dev/null
done

step "copy adopter-app/ into $APP (keeping node_modules from the last run)"
mkdir -p "$APP"
find "$APP" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name packages -exec rm -rf {} +
if [ -d "$APP/packages" ]; then
  find "$APP/packages" -mindepth 2 -maxdepth 2 ! -name node_modules -exec rm -rf {} +
fi
(cd adopter-app && tar cf - --exclude=node_modules .) | (cd "$APP" && tar xf -)
mkdir -p "$TARBALLS"

step "pack the six packages with yarn pack"
versions="$WORK/versions.json"
echo '{}' >"$versions"
for pkg in "${PACKAGES[@]}"; do
  name="$(node -p "require('./plugins/$pkg/package.json').name")"
  version="$(node -p "require('./plugins/$pkg/package.json').version")"
  file="$TARBALLS/${name#@mlsec/}.tgz"
  (cd "plugins/$pkg" && yarn pack --out "$file") >/dev/null
  node -e '
    const fs = require("fs");
    const v = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    v[process.argv[2]] = process.argv[3];
    fs.writeFileSync(process.argv[1], JSON.stringify(v, null, 2));
  ' "$versions" "$name" "$version"
  echo "  $name@$version -> $(basename "$file") ($(du -k "$file" | cut -f1) kB)"
done
node scripts/adopter/check-tarballs.js "$TARBALLS"

step "apply the README's adopter steps (<!-- adopter-test: ... --> blocks)"
layout="$WORK/readme-layout.json"
node scripts/adopter/apply-readme.js README.md "$APP" "$versions" >"$layout"

backend_port="$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')"
app_port="$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')"
node - "$layout" "$APP/app-config.adopter-test.yaml" "$backend_port" "$app_port" <<'NODE'
const fs = require('fs');
const path = require('path');
const [layoutFile, out, backendPort, appPort] = process.argv.slice(2);
const { catalogFiles } = JSON.parse(fs.readFileSync(layoutFile, 'utf8'));
const app = `http://localhost:${appPort}`;
const backend = `http://localhost:${backendPort}`;
const locations = catalogFiles.map(file => `    - type: file
      target: ${JSON.stringify(path.relative(path.join(path.dirname(out), 'packages/backend'), file))}`).join('\n');
fs.writeFileSync(out, `# Written by scripts/adopter-test.sh: free ports, and the README's catalog entities.
app:
  baseUrl: ${app}
backend:
  baseUrl: ${backend}
  listen:
    port: ${backendPort}
  cors:
    origin: ${app}
auth:
  providers:
    guest:
      # Sign in as the scaffold's guest User (member of group guests, which owns the
      # README's ML service), so owner-only routes such as creating a waiver answer.
      userEntityRef: user:default/guest
catalog:
  locations:
    - type: file
      target: ../../examples/entities.yaml
    - type: file
      target: ../../examples/org.yaml
      rules:
        - allow: [User, Group]
${locations}
`);
NODE
config_args=(--config "$APP/app-config.yaml")
while read -r file; do
  config_args+=(--config "$file")
done < <(node -e 'for (const f of require(process.argv[1]).configFiles) console.log(f)' "$layout")
config_args+=(--config "$APP/app-config.adopter-test.yaml")

step "install (yarn install; our packages from the tarballs, everything else as pinned)"
cp "$APP/yarn.lock" "$WORK/yarn.lock.committed"
(
  cd "$APP"
  YARN_ENABLE_IMMUTABLE_INSTALLS=false YARN_ENABLE_GLOBAL_CACHE=true yarn install
) >"$WORK/install.log" 2>&1 || {
  tail -40 "$WORK/install.log"
  echo "[adopter] yarn install failed (a README install line naming a package that was not packed fails here)" >&2
  exit 1
}
tail -3 "$WORK/install.log"
if [ "$UPDATE_LOCKFILE" = true ]; then
  cp "$APP/yarn.lock" adopter-app/yarn.lock
  node scripts/adopter/lockfile-pins.js strip adopter-app/yarn.lock
  echo "adopter-app/yarn.lock updated"
else
  node scripts/adopter/lockfile-pins.js compare "$WORK/yarn.lock.committed" "$APP/yarn.lock"
fi

step "one version of each @backstage package our plugins use (yarn why)"
node scripts/adopter/check-duplicates.js "$APP" "$TARBALLS"

step "yarn tsc:full in the app"
(cd "$APP" && yarn tsc:full)
echo "tsc:full passed"

step "start the app (SQLite in memory): backend :$backend_port, frontend :$app_port"
app_log="$WORK/app.log"
(cd "$APP" && setsid yarn start "${config_args[@]}" >"$app_log" 2>&1) &
app_pid=$!
stop_app() {
  kill -TERM -- "-$app_pid" 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 -- "-$app_pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL -- "-$app_pid" 2>/dev/null || true
}
trap stop_app EXIT
wait_for() {
  local url="$1" deadline=$((SECONDS + 600))
  until curl -fsS -o /dev/null "$url"; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "[adopter] the app exited; its log:" >&2
      tail -n 80 "$app_log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "[adopter] timed out waiting for $url; app log:" >&2
      tail -n 80 "$app_log" >&2
      exit 1
    fi
    sleep 2
  done
}
wait_for "http://localhost:$backend_port/.backstage/health/v1/readiness"
echo "backend is ready"
wait_for "http://localhost:$app_port"
echo "frontend is serving"

step "backend checks"
node scripts/adopter/check-backend.js "http://localhost:$backend_port" \
  plugins/sagemaker-security-backend/src/schema/openapi.yaml "$APP" || {
  tail -n 60 "$app_log" >&2
  exit 1
}

step "browser test (Chromium): Security tab, template fix, org page, team card"
ADOPTER_APP_URL="http://localhost:$app_port" yarn playwright test -c scripts/adopter/playwright.config.ts || {
  tail -n 60 "$app_log" >&2
  exit 1
}

step "adopter app test passed in $((SECONDS - started)) s"
