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
# the top-level test command install it. The comparison and benchmark pages: render-pages.sh.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=cli/scripts/chromium.sh
. "$ROOT/cli/scripts/chromium.sh"
ASSESSMENT=${1:-$ROOT/standards/examples/northbrook-2016.json}
OUT=${2:-$ROOT/artifacts}

find_chromium
find_carepath "$ROOT"

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
"$BIN" report "$ASSESSMENT" --format html -o "$OUT/report.html"
screenshot "$OUT/report.html" "$OUT/report.png" 1280 2400

if [ "${CAREPATH_DOCS_SCREENSHOT:-}" = 1 ]; then
  mkdir -p "$ROOT/docs"
  cp "$OUT/report.png" "$ROOT/docs/report-screenshot.png"
  echo "copied to docs/report-screenshot.png"
fi
