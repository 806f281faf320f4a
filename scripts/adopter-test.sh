#!/usr/bin/env bash
# The adopter app test (issue "Adoption"): the six packages, built and packed with
# `yarn pack` from this checkout, installed into adopter-app/ (a Backstage app
# scaffolded by @backstage/create-app, new frontend system, on the current release),
# wired exactly as the README's marked blocks say, and exercised: tsc:full, the
# backend on SQLite, every route, the catalog module's entities and templates, the
# scaffolder action, a remediation link, the actions registry, a browser test, and
# one version of each @backstage package our plugins use. Each run also proves its
# tarball and README checks can fail (scripts/adopter/fault-self-check.sh), and
# prints every step's duration.
#
#   scripts/adopter-test.sh                    run it
#   scripts/adopter-test.sh --update-lockfile  also write the app's re-resolved
#                                              yarn.lock (without our tarballs) back
#                                              to adopter-app/yarn.lock
#   scripts/adopter-test.sh --fault missing-template
#                                              proof that the test can fail: one secure
#                                              template is removed from the packed catalog
#                                              module; the run must fail (tarball checks)
#   scripts/adopter-test.sh --fault readme-wiring
#                                              the same with a wrong README wiring line
#                                              (the catalog module's backend.add names a
#                                              package that does not exist); the run must
#                                              fail (the README step: the import is not a
#                                              dependency of packages/backend)
#
# Works in .adopter-work/ (git-ignored; node_modules is kept between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
source scripts/services.sh
ensure_chromium

REPO="$PWD"
WORK="${ADOPTER_WORK_DIR:-$REPO/.adopter-work}"
mkdir -p "$WORK"
APP="$WORK/app"
TARBALLS="$APP/mlsec-packages"
UPDATE_LOCKFILE=false
FAULT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --update-lockfile) UPDATE_LOCKFILE=true ;;
    --fault)
      FAULT="${2:-}"
      shift
      case "$FAULT" in
        missing-template | readme-wiring) ;;
        *) echo "usage: --fault missing-template|readme-wiring" >&2; exit 2 ;;
      esac
      ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

PACKAGES=(
  sagemaker-security-common
  sagemaker-security-node
  sagemaker-security-backend
  catalog-backend-module-sagemaker
  scaffolder-backend-module-sagemaker-security
  sagemaker-security
)

started=$SECONDS
step_started=$SECONDS
step_name=""
timings=()
app_pid=""
# Each step's duration is printed when it ends, and all of them at exit (pass or fail).
end_step() {
  [ -n "$step_name" ] || return 0
  local took=$((SECONDS - step_started))
  printf '    (%d s)\n' "$took"
  timings+=("$(printf '%5d s  %s' "$took" "$step_name")")
  step_name=""
}
step() {
  end_step
  step_name="$1"
  step_started=$SECONDS
  printf '\n==> [adopter] %s\n' "$*"
}
stop_app() {
  [ -n "$app_pid" ] || return 0
  kill -TERM -- "-$app_pid" 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 -- "-$app_pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL -- "-$app_pid" 2>/dev/null || true
}
on_exit() {
  local status=$?
  end_step
  stop_app
  printf '\n[adopter] step timings (exit %d):\n' "$status"
  printf '  %s\n' "${timings[@]}"
  printf '  %5d s  total\n' "$((SECONDS - started))"
}
trap on_exit EXIT

step "build the six packages (tsc declarations, then backstage-cli package build)"
# The test command has just run `yarn tsc`; run on its own, this script does.
[ "${ADOPTER_TSC_DONE:-}" = 1 ] || yarn tsc
# The library packages of the repository (the six plugins; not the demo app and
# backend), built in parallel.
yarn backstage-cli repo build >"$WORK/build.log" 2>&1 || {
  tail -40 "$WORK/build.log"
  echo "[adopter] backstage-cli repo build failed" >&2
  exit 1
}
for pkg in "${PACKAGES[@]}"; do
  [ -f "plugins/$pkg/dist/index.d.ts" ] || { echo "[adopter] plugins/$pkg was not built" >&2; exit 1; }
done

step "copy adopter-app/ into $APP (keeping node_modules and yarn's install state from the last run)"
mkdir -p "$APP"
# The install state records which native packages (better-sqlite3, @swc/core, ...)
# are built; without it every run compiles them again.
[ ! -f "$APP/.yarn/install-state.gz" ] || mv "$APP/.yarn/install-state.gz" "$WORK/install-state.gz"
find "$APP" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name packages -exec rm -rf {} +
if [ -d "$APP/packages" ]; then
  find "$APP/packages" -mindepth 2 -maxdepth 2 ! -name node_modules -exec rm -rf {} +
fi
(cd adopter-app && tar cf - --exclude=node_modules .) | (cd "$APP" && tar xf -)
# The app pins the same yarn release as this repository (create-app commits
# one); it is copied from here rather than kept twice in git.
yarn_path=$(sed -n 's/^yarnPath: *//p' adopter-app/.yarnrc.yml)
mkdir -p "$APP/$(dirname "$yarn_path")"
cp "$yarn_path" "$APP/$yarn_path"
[ ! -f "$WORK/install-state.gz" ] || mv "$WORK/install-state.gz" "$APP/.yarn/install-state.gz"
mkdir -p "$TARBALLS"

step "pack the six packages with yarn pack (in parallel)"
versions="$WORK/versions.json"
node -e '
  const v = {};
  for (const p of process.argv.slice(1)) {
    const pkg = require(`./plugins/${p}/package.json`);
    v[pkg.name] = pkg.version;
  }
  console.log(JSON.stringify(v, null, 2));
' "${PACKAGES[@]}" >"$versions"
pack_pids=()
for pkg in "${PACKAGES[@]}"; do
  name="$(node -p "require('./plugins/$pkg/package.json').name")"
  (cd "plugins/$pkg" && yarn pack --out "$TARBALLS/${name#@mlsec/}.tgz") >"$WORK/pack-$pkg.log" 2>&1 &
  pack_pids+=($!)
done
for i in "${!PACKAGES[@]}"; do
  pkg="${PACKAGES[$i]}"
  wait "${pack_pids[$i]}" || {
    cat "$WORK/pack-$pkg.log" >&2
    echo "[adopter] yarn pack failed in plugins/$pkg" >&2
    exit 1
  }
  name="$(node -p "require('./plugins/$pkg/package.json').name")"
  file="$TARBALLS/${name#@mlsec/}.tgz"
  echo "  $name@$(node -p "require('./plugins/$pkg/package.json').version") -> $(basename "$file") ($(du -k "$file" | cut -f1) kB)"
done
if [ "$FAULT" = missing-template ]; then
  catalog_tgz="$TARBALLS/plugin-catalog-backend-module-sagemaker.tgz"
  rm -rf "$WORK/fault" && mkdir -p "$WORK/fault"
  tar xzf "$catalog_tgz" -C "$WORK/fault"
  # The first template (a directory with its template.yaml and skeleton).
  victim="$(cd "$WORK/fault/package/templates" && ls -d -- */ | head -1)"
  victim="${victim%/}"
  [ -f "$WORK/fault/package/templates/$victim/template.yaml" ] || { echo "[adopter] fault injection: no template directory" >&2; exit 2; }
  rm -rf "$WORK/fault/package/templates/$victim"
  tar czf "$catalog_tgz" -C "$WORK/fault" package
  echo "[adopter] FAULT INJECTED: templates/$victim removed from $(basename "$catalog_tgz"); this run must fail"
fi
node scripts/adopter/check-tarballs.js "$TARBALLS" || {
  echo "[adopter] the packed tarballs lack what adopters need (FAIL lines above)" >&2
  exit 1
}

layout="$WORK/readme-layout.json"
step "fault self-check: the tarball and README checks fail on a missing template and a wrong wiring line"
scripts/adopter/fault-self-check.sh "$TARBALLS" adopter-app "$versions"

step "apply the README's adopter steps (<!-- adopter-test: ... --> blocks)"
readme=README.md
if [ "$FAULT" = readme-wiring ]; then
  readme="$WORK/README.fault.md"
  right="backend.add(import('@mlsec/plugin-catalog-backend-module-sagemaker'));"
  wrong="backend.add(import('@mlsec/plugin-catalog-backend-module-sagemaker-security'));"
  grep -qF "$right" README.md || { echo "[adopter] fault injection: line not in README: $right" >&2; exit 2; }
  RIGHT="$right" WRONG="$wrong" node -e '
    const fs = require("fs");
    const text = fs.readFileSync("README.md", "utf8");
    fs.writeFileSync(process.argv[1], text.replace(process.env.RIGHT, process.env.WRONG));
  ' "$readme"
  echo "[adopter] FAULT INJECTED: README line $right -> $wrong; this run must fail"
fi
node scripts/adopter/apply-readme.js "$readme" "$APP" "$versions" >"$layout" || {
  echo "[adopter] the README's adopter steps could not be applied as written (above)" >&2
  exit 1
}

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
wait_for() {
  local url="$1" deadline=$((SECONDS + 600))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
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
ADOPTER_APP_URL="http://localhost:$app_port" ADOPTER_EXPECTED_UI="$APP/expected-ui.json" yarn playwright test -c scripts/adopter/playwright.config.ts || {
  tail -n 60 "$app_log" >&2
  exit 1
}

end_step
echo "[adopter] adopter app test passed in $((SECONDS - started)) s${FAULT:+ (BUT fault $FAULT was injected: the test did not catch it)}"
[ -z "$FAULT" ] || exit 3
