#!/usr/bin/env bash
# Renders the comparison and benchmark pages in headless Chromium and saves screenshots.
#
#   cli/scripts/render-pages.sh [OUT_DIR]
#
# The comparison is Northbrook 2016 -> 2024 (the 2016 assessment migrated into edition 2.0.0);
# the benchmark is every standards/examples/*-2024.json. OUT_DIR defaults to artifacts/
# (git-ignored). Writes OUT_DIR/compare.html, compare.png, benchmark.html and benchmark.png
# (1280x6400 and 1280x5200: the whole of each page for the examples).
# Environment:
#   CAREPATH_BIN   the carepath binary (default: built with cargo, target/debug/carepath)
#   CHROMIUM       the browser (default: /usr/bin/chromium, else chromium on PATH)
#   CAREPATH_DOCS_SCREENSHOT=1  also renders the top of each page (down to the first chart) to
#                  docs/compare-screenshot.png and docs/benchmark-screenshot.png
# When no Chromium is installed it prints "skipped: ..." and exits 0.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=cli/scripts/chromium.sh
. "$ROOT/cli/scripts/chromium.sh"
OUT=${1:-$ROOT/artifacts}
EXAMPLES="$ROOT/standards/examples"

find_chromium
find_carepath "$ROOT"

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
"$BIN" compare "$EXAMPLES/northbrook-2016.json" "$EXAMPLES/northbrook-2024.json" --format html -o "$OUT/compare.html"
"$BIN" benchmark "$EXAMPLES"/*-2024.json --format html -o "$OUT/benchmark.html"
screenshot "$OUT/compare.html" "$OUT/compare.png" 1280 6400
screenshot "$OUT/benchmark.html" "$OUT/benchmark.png" 1280 5200

if [ "${CAREPATH_DOCS_SCREENSHOT:-}" = 1 ]; then
  mkdir -p "$ROOT/docs"
  screenshot "$OUT/compare.html" "$ROOT/docs/compare-screenshot.png" 1280 1420
  screenshot "$OUT/benchmark.html" "$ROOT/docs/benchmark-screenshot.png" 1280 1640
  rm -f "$ROOT/docs/"*.chromium.log
fi
