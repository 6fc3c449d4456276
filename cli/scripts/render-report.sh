#!/usr/bin/env bash
# Renders the HTML report of an assessment in headless Chromium and saves a screenshot.
#
#   cli/scripts/render-report.sh [ASSESSMENT] [OUT_DIR]
#
# ASSESSMENT defaults to standards/examples/northbrook-2016.json and OUT_DIR to artifacts/
# (git-ignored). Writes OUT_DIR/report.html and OUT_DIR/report.png (1280x2400).
# Environment:
#   CAREPATH_BIN   the carepath binary (default: built with cargo, target/debug/carepath)
#   CHROMIUM       the browser (default: /usr/bin/chromium, else chromium on PATH)
#   CAREPATH_DOCS_SCREENSHOT=1  also copies the PNG to docs/report-screenshot.png
# When no Chromium is installed it prints "skipped: ..." and exits 0; cli/scripts/test.sh and
# the top-level test command install it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ASSESSMENT=${1:-$ROOT/standards/examples/northbrook-2016.json}
OUT=${2:-$ROOT/artifacts}

CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
  if [ -x /usr/bin/chromium ]; then CHROMIUM=/usr/bin/chromium
  else CHROMIUM=$(command -v chromium || command -v chromium-browser || true); fi
fi
if [ -z "$CHROMIUM" ] || [ ! -x "$CHROMIUM" ]; then
  echo "skipped: chromium not found (apt-get install chromium, or set CHROMIUM)"
  exit 0
fi

BIN=${CAREPATH_BIN:-}
if [ -z "$BIN" ]; then
  cargo build --quiet -p carepath-cli --manifest-path "$ROOT/Cargo.toml"
  TARGET=$(cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  BIN="$TARGET/debug/carepath"
fi

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
"$BIN" report "$ASSESSMENT" --format html -o "$OUT/report.html"

PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
rm -f "$OUT/report.png"
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --disable-background-networking --disable-component-update --disable-sync --no-first-run \
  --hide-scrollbars --user-data-dir="$PROFILE" \
  --screenshot="$OUT/report.png" --window-size=1280,2400 "file://$OUT/report.html" \
  >"$OUT/chromium.log" 2>&1 || { echo "chromium failed:"; cat "$OUT/chromium.log"; exit 1; }
[ -s "$OUT/report.png" ] || { echo "chromium wrote no screenshot:"; cat "$OUT/chromium.log"; exit 1; }
echo "rendered $OUT/report.png ($(wc -c <"$OUT/report.png") bytes)"

if [ "${CAREPATH_DOCS_SCREENSHOT:-}" = 1 ]; then
  mkdir -p "$ROOT/docs"
  cp "$OUT/report.png" "$ROOT/docs/report-screenshot.png"
  echo "copied to docs/report-screenshot.png"
fi
