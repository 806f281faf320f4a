#!/usr/bin/env bash
# Sourced by the test scripts (like services.sh): makes moto 5.x, the AWS API
# emulator the end-to-end test scans (plugins/sagemaker-security-backend/
# src/tests/moto), available and exports MLSEC_MOTO_PYTHON, the interpreter
# the test starts `python3 -m moto.server` with.
#
# Looks for moto 5.x with its server extras in MLSEC_MOTO_PYTHON, python3,
# then a virtualenv this script made before; otherwise installs
# moto[server]==5.2.1 with pip (--user, or into that virtualenv where the
# system Python is externally managed). Fails loudly: without moto the
# test command would not prove the wire, and the moto test itself fails.

MLSEC_MOTO_VERSION="${MLSEC_MOTO_VERSION:-5.2.1}"
MLSEC_MOTO_VENV="${MLSEC_MOTO_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mlsec-moto-venv}"

moto_log() { printf '[moto] %s\n' "$*" >&2; }
moto_die() { printf '[moto] ERROR: %s\n' "$*" >&2; exit 1; }

# Prints the moto version of interpreter $1 when it has moto 5.x and its server.
moto_version_of() {
  local python="$1"
  command -v "$python" >/dev/null 2>&1 || return 1
  "$python" - <<'EOF' 2>/dev/null
import moto, moto.server  # the server extras (flask) are needed, not only moto
if not moto.__version__.startswith("5."):
    raise SystemExit(1)
print(moto.__version__)
EOF
}

moto_use() {
  export MLSEC_MOTO_PYTHON="$1"
  moto_log "moto $2 ($1)"
}

ensure_moto() {
  local candidate version
  if [ -n "${MLSEC_MOTO_PYTHON:-}" ]; then
    version="$(moto_version_of "$MLSEC_MOTO_PYTHON")" ||
      moto_die "MLSEC_MOTO_PYTHON=$MLSEC_MOTO_PYTHON has no moto 5.x with its server extras"
    moto_use "$MLSEC_MOTO_PYTHON" "$version"
    return 0
  fi
  for candidate in python3 "$MLSEC_MOTO_VENV/bin/python"; do
    if version="$(moto_version_of "$candidate")"; then
      moto_use "$(command -v "$candidate")" "$version"
      return 0
    fi
  done
  command -v python3 >/dev/null 2>&1 ||
    moto_die "python3 is required for moto (apt-get install python3 python3-venv)"

  moto_log "installing moto[server]==$MLSEC_MOTO_VERSION with pip"
  if python3 -m pip install --quiet --user "moto[server]==$MLSEC_MOTO_VERSION" >&2 &&
    version="$(moto_version_of python3)"; then
    moto_use "$(command -v python3)" "$version"
    return 0
  fi
  # An externally managed Python (PEP 668, e.g. Debian's) refuses --user.
  moto_log "pip --user did not work; trying a virtualenv in $MLSEC_MOTO_VENV"
  if python3 -m venv "$MLSEC_MOTO_VENV" >&2 &&
    "$MLSEC_MOTO_VENV/bin/python" -m pip install --quiet "moto[server]==$MLSEC_MOTO_VERSION" >&2 &&
    version="$(moto_version_of "$MLSEC_MOTO_VENV/bin/python")"; then
    moto_use "$MLSEC_MOTO_VENV/bin/python" "$version"
    return 0
  fi
  moto_die "moto 5.x is not available and could not be installed: install it with
  pip install 'moto[server]==$MLSEC_MOTO_VERSION'   (or: python3 -m venv <dir> && <dir>/bin/pip install 'moto[server]==$MLSEC_MOTO_VERSION')
and, for an interpreter other than python3, export MLSEC_MOTO_PYTHON=<its path>"
}
