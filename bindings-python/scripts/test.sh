#!/usr/bin/env bash
# Builds the Python package into the repository's .venv and runs its tests: the stubs against
# the native module (mypy stubtest, inside pytest), the shared vectors, the examples, errors,
# editing, pandas tables and the README's code blocks.
#
# Idempotent and runnable from any directory: creates .venv when missing, installs the pinned
# requirements only when one is missing or at another version, rebuilds only what changed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"   # bindings-python/
ROOT="$(cd "$HERE/.." && pwd)"                            # the repository
VENV="$ROOT/.venv"
T0=$SECONDS
step() { echo; echo "=== [bindings-python $((SECONDS - T0))s] $*"; }

step "python venv ($VENV)"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" --version

step "pinned requirements (bindings-python/requirements-dev.txt)"
if "$VENV/bin/python" - "$HERE/requirements-dev.txt" <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version

missing = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#")[0].strip()
    if line:
        name, wanted = line.split("==")
        try:
            if version(name) != wanted:
                missing.append(line)
        except PackageNotFoundError:
            missing.append(line)
print("all installed" if not missing else "to install: " + ", ".join(missing))
sys.exit(1 if missing else 0)
PY
then :; else
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements-dev.txt"
fi

step "maturin develop (dev profile)"
LOCKED=()
[ -f "$ROOT/Cargo.lock" ] && LOCKED=(--locked)
(
  # maturin develop installs into the active virtual environment.
  # shellcheck disable=SC1091
  . "$VENV/bin/activate"
  cd "$HERE"
  maturin develop "${LOCKED[@]}"
)

step "the command-line tool (the documents' parity tests compare Python with it)"
(cd "$ROOT" && cargo build -p carepath-cli "${LOCKED[@]}")
TD=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | "$VENV/bin/python" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
export CAREPATH_CLI="$TD/debug/carepath"

step "pytest"
(
  cd "$HERE"
  "$VENV/bin/python" -m pytest -v tests
)

step "done in $((SECONDS - T0))s"
