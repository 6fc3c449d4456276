#!/usr/bin/env bash
# Builds the distributable package into bindings-wasm/pkg/ (and a copy in www/pkg/ for the demo):
#   carepath_wasm_bg.wasm   the core, size-optimised (profile wasm-release, then wasm-opt -Oz)
#   carepath_wasm.js        wasm-bindgen's loader (--target web: an ES module, also loads in Node)
#   carepath.js / .d.ts     the public API: plain objects, CarepathError, TypeScript types
#   carepath-widget.js/.css/.d.ts   the <carepath-assessment> element
# Needs: rustup target wasm32-unknown-unknown, wasm-bindgen-cli equal to Cargo.lock's wasm-bindgen,
# and `npm ci` here (wasm-opt from npm binaryen; never Debian's, which corrupts the module).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$HERE/.." && pwd)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
WASM_OPT="$HERE/node_modules/.bin/wasm-opt"
[ -x "$WASM_OPT" ] || { echo "build.sh: $WASM_OPT missing: run npm ci in bindings-wasm/" >&2; exit 1; }

cd "$ROOT"
cargo build -p carepath-wasm --target wasm32-unknown-unknown --profile wasm-release --locked
TD=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
WASM="$TD/wasm32-unknown-unknown/wasm-release/carepath_wasm.wasm"

OUT="$HERE/pkg"
rm -rf "$OUT"
wasm-bindgen --target web --out-dir "$OUT" "$WASM"
"$WASM_OPT" -Oz --converge --strip-debug --strip-producers --enable-bulk-memory --enable-reference-types --enable-multivalue \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  "$OUT/carepath_wasm_bg.wasm" -o "$OUT/carepath_wasm_bg.wasm"
mkdir -p "$HERE/js"; cp "$HERE"/js/carepath.js "$HERE"/js/carepath.d.ts \
   "$HERE"/js/carepath-widget.js "$HERE"/js/carepath-widget.d.ts "$HERE"/js/carepath-widget.css "$OUT/"

rm -rf "$HERE/www/pkg"
cp -r "$OUT" "$HERE/www/pkg"
echo "built $OUT: wasm $(wc -c <"$OUT/carepath_wasm_bg.wasm") bytes ($(gzip -9c "$OUT/carepath_wasm_bg.wasm" | wc -c) gzipped)"
