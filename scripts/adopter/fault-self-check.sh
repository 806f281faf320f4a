#!/usr/bin/env bash
# Proof that the adopter test's cheap checks can fail (issue 13's acceptance: "it
# fails when a template is missing from the packages or a README wiring line is
# wrong"). On copies, never on the real tarballs or README:
#   1. check-tarballs.js on the packed tarballs passes, and fails once one
#      template directory is removed from the catalog module's tarball;
#   2. apply-readme.js with README.md passes, and fails once the README's
#      backend.add line of the catalog module names a package that does not exist.
# Usage: fault-self-check.sh <dir of the packed .tgz> <adopter-app dir> <versions.json>
# Exits non-zero when a check does not behave so. (scripts/adopter-test.sh
# --fault missing-template|readme-wiring runs the whole test with each fault.)
set -euo pipefail
cd "$(dirname "$0")/../.."
tarballs="$1" app_src="$2" versions="$3"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
problems=0
expect() { # expect <pass|fail> <what> <log> <command...>
  local want="$1" what="$2" log="$3"
  shift 3
  local got=pass
  "$@" >"$log" 2>&1 || got=fail
  if [ "$got" = "$want" ]; then
    printf '  ok   %s: %s\n' "$what" "$got"
  else
    printf '  FAIL %s: %s, expected %s; its output:\n' "$what" "$got" "$want"
    sed 's/^/         /' "$log"
    problems=$((problems + 1))
  fi
  if [ "$want" = fail ]; then grep -h 'FAIL' "$log" | sed 's/^/         /' || true; fi
}
fresh_app() {
  rm -rf "$scratch/app" && mkdir -p "$scratch/app"
  (cd "$app_src" && tar cf - --exclude=node_modules --exclude=.yarn .) | (cd "$scratch/app" && tar xf -)
}

# 1. A template missing from the catalog module's tarball.
mkdir -p "$scratch/tgz" "$scratch/x"
cp "$tarballs"/*.tgz "$scratch/tgz/"
expect pass "tarball checks, tarballs as packed" "$scratch/1.log" \
  node scripts/adopter/check-tarballs.js "$scratch/tgz"
catalog="$scratch/tgz/plugin-catalog-backend-module-sagemaker.tgz"
tar xzf "$catalog" -C "$scratch/x"
victim="$(cd "$scratch/x/package/templates" && ls -d -- */ | head -1)"
victim="${victim%/}"
rm -rf "$scratch/x/package/templates/$victim"
tar czf "$catalog" -C "$scratch/x" package
expect fail "tarball checks, templates/$victim removed from the catalog module" "$scratch/2.log" \
  node scripts/adopter/check-tarballs.js "$scratch/tgz"

# 2. A wrong README wiring line.
fresh_app
expect pass "README steps, README.md as written" "$scratch/3.log" \
  node scripts/adopter/apply-readme.js README.md "$scratch/app" "$versions"
right="backend.add(import('@mlsec/plugin-catalog-backend-module-sagemaker'));"
wrong="backend.add(import('@mlsec/plugin-catalog-backend-module-sagemaker-security'));"
grep -qF "$right" README.md || { echo "  FAIL the README has no line $right" >&2; exit 1; }
RIGHT="$right" WRONG="$wrong" node -e '
  const fs = require("fs");
  fs.writeFileSync(process.argv[1], fs.readFileSync("README.md", "utf8").replace(process.env.RIGHT, process.env.WRONG));
' "$scratch/README.md"
fresh_app
expect fail "README steps, with $wrong" "$scratch/4.log" \
  node scripts/adopter/apply-readme.js "$scratch/README.md" "$scratch/app" "$versions"

[ "$problems" = 0 ] || { echo "fault self-check: $problems check(s) did not behave" >&2; exit 1; }
echo "fault self-check: each check passes on the real input and fails on the faulty one"
