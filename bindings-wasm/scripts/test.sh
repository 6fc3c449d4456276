#!/usr/bin/env bash
# Everything the WebAssembly package needs and every test it has, from a fresh machine or a warm
# one (each install step is skipped when already done):
#   Debian chromium + chromium-driver, rustup's wasm32 target, wasm-bindgen-cli equal to the
#   wasm-bindgen in Cargo.lock, `npm ci` here (playwright-core, binaryen for wasm-opt, typescript,
#   esbuild); then build pkg/ and pkg/lite/, the crate's unit tests (with and without the
#   `analysis` feature), tsc over the declarations, tests and sources, the Node tests (shared
#   vectors, API, schema/declaration drift, the lite package) and the browser tests in headless
#   Chromium.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$HERE/.." && pwd)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR=never
T0=$SECONDS
step() { echo; echo "=== [$((SECONDS - T0))s] $*"; }

step "system packages (chromium, chromium-driver)"
pkgs=()
command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
command -v chromedriver >/dev/null 2>&1 || pkgs+=(chromium-driver)
if ((${#pkgs[@]})); then
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${pkgs[@]}"
fi
echo "chromium: $(command -v chromium)"

step "rust wasm32 target"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "wasm-bindgen-cli (must equal the wasm-bindgen crate in Cargo.lock)"
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' "$ROOT/Cargo.lock")
[ -n "$WBG_VERSION" ] || { echo "wasm-bindgen not found in Cargo.lock" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]; then
  # --locked can fail when a crate pinned by the CLI's own lockfile is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --locked --force \
    || cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi
wasm-bindgen --version

step "npm ci (playwright-core, binaryen, typescript, esbuild: pinned in package-lock.json)"
cd "$HERE"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/tsc ] || [ ! -x node_modules/.bin/esbuild ] \
   || [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund
else
  echo "node_modules up to date"
fi

step "build pkg/ and pkg/lite/ (cargo wasm-release, wasm-bindgen, wasm-opt -Oz, esbuild)"
scripts/build.sh

step "cargo test -p carepath-wasm (the raw layer, natively: full; lite's first module; lite's exchange module), -p carepath-report-wasm"
(cd "$ROOT" && cargo test -p carepath-wasm --locked && cargo test -p carepath-wasm --locked --no-default-features --features edit \
  && cargo test -p carepath-wasm --locked --no-default-features --features exchange \
  && cargo test -p carepath-report-wasm --locked)

step "tsc --noEmit: declarations, tests, and the package's own JavaScript"
node_modules/.bin/tsc --noEmit -p tsconfig.json
node_modules/.bin/tsc --noEmit -p tsconfig.lib.json
echo "tsc: no errors"

step "node --test: shared vectors, API, migration and the other operations, declarations vs schemas, lite package"
node --test --test-reporter=spec tests/*.test.mjs

step "node --test: the widget in headless Chromium under the strict CSP (behaviour, axe-core at four sizes, languages)"
node --test --test-reporter=spec tests/e2e/*.test.mjs

step "done in $((SECONDS - T0))s (screenshots: artifacts/widget*.png)"
