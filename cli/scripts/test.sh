#!/usr/bin/env bash
# Runs every test of the command-line tool: unit tests, the CLI tests, the report tests (HTML
# parsed and rendered in headless Chromium, CSV and Markdown goldens), the comparison and
# benchmark pages (the same, through render-pages.sh) and the workbook round trip. Installs Chromium first when it is missing (Debian), so the screenshot test runs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

if [ ! -x /usr/bin/chromium ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "== chromium not found and cannot be installed here: the screenshot test will be skipped"
  fi
fi

echo "== cargo test -p carepath-cli"
cargo test -p carepath-cli
