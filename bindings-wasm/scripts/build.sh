#!/usr/bin/env bash
# Builds the distributable package into bindings-wasm/pkg/ (and a copy in www/pkg/ for the demo):
#   carepath_wasm_bg.wasm   the core, size-optimised (profile wasm-release, then wasm-opt -Oz)
#   carepath_wasm.js        wasm-bindgen's loader (--target web: an ES module, also loads in Node)
#   carepath.js / .d.ts     the public API: plain objects, CarepathError, TypeScript types
#   carepath-widget.js/.css/.d.ts   the <carepath-assessment> element
#   catalogues/<id>/<version>.json   the bundled catalogue editions, copied from standards/
#   carepath-messages.js/.d.ts      the widget's interface words (English) and how it picks a language
#   carepath-messages-cy.js         the Welsh words, loaded only by a widget in Welsh
#   lite/                   the same files with a smaller module that leaves out compare,
#                           benchmark and consensus (the widget needs none of them), FHIR and
#                           migration, and the editions' texts: its carepath.js fetches each
#                           edition from ../catalogues/ when first needed, so a page loads only the
#                           one it shows, and FHIR and migration from lite/exchange/ (a second
#                           module) when a FHIR file or an assessment of an earlier edition comes
#   lite/carepath-widget.bundle.js  the lite widget and all the JavaScript it needs first, in one
#                           file, for pages that only embed the widget
#   report/                 the second module: the documents (report, comparison, benchmark,
#                           consensus in HTML, Markdown, CSV) and the XLSX workbook, fetched by
#                           carepath-report.js only when first needed; pkg/lite/ shares it
# JavaScript and CSS are minified with esbuild; the readable sources are in js/.
# Needs: rustup target wasm32-unknown-unknown, wasm-bindgen-cli equal to Cargo.lock's wasm-bindgen,
# and `npm ci` here (wasm-opt from npm binaryen, never Debian's, which corrupts the module; esbuild).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$HERE/.." && pwd)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
WASM_OPT="$HERE/node_modules/.bin/wasm-opt"
ESBUILD="$HERE/node_modules/.bin/esbuild"
for tool in "$WASM_OPT" "$ESBUILD"; do
  [ -x "$tool" ] || { echo "build.sh: $tool missing: run npm ci in bindings-wasm/" >&2; exit 1; }
done

cd "$ROOT"
TD=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
WASM="$TD/wasm32-unknown-unknown/wasm-release/carepath_wasm.wasm"

# Builds the module with the given cargo feature flags into $1 (the loader minified).
module() {
  local out=$1
  shift
  cargo build -p carepath-wasm --target wasm32-unknown-unknown --profile wasm-release --locked "$@"
  wasm-bindgen --target web --out-dir "$out" "$WASM"
  # --flatten --rereloop before -Oz: about 1% smaller gzipped than -Oz alone.
  "$WASM_OPT" --flatten --rereloop -Oz -Oz --converge --strip-debug --strip-producers \
    --enable-bulk-memory --enable-reference-types --enable-multivalue \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$out/carepath_wasm_bg.wasm" -o "$out/carepath_wasm_bg.wasm"
  "$ESBUILD" "$out/carepath_wasm.js" --minify --format=esm --target=es2022 --legal-comments=none \
    --log-level=warning --allow-overwrite --outfile="$out/carepath_wasm.js"
}

# The package's own files: JavaScript and CSS minified, declarations as written. Further
# arguments go to esbuild for carepath.js.
own_files() {
  local out=$1
  shift
  for f in carepath.js carepath-report.js carepath-widget.js carepath-messages.js carepath-messages-cy.js; do
    local extra=()
    [ "$f" = carepath.js ] && extra=("$@")
    "$ESBUILD" "$HERE/js/$f" --minify --format=esm --target=es2022 --legal-comments=none --log-level=warning "${extra[@]}" --outfile="$out/$f"
  done
  "$ESBUILD" "$HERE/js/carepath-widget.css" --minify --log-level=warning --outfile="$out/carepath-widget.css"
  cp "$HERE/js/carepath.d.ts" "$HERE/js/carepath-widget.d.ts" "$HERE/js/carepath-messages.d.ts" "$out/"
}

OUT="$HERE/pkg"
rm -rf "$OUT"
module "$OUT/lite" --no-default-features --features edit
# The edition a page shows when it names none, as the lite module says: its carepath.js fetches
# that file alongside the module rather than after it.
DEFAULT_EDITION=$(cd "$OUT/lite" && node --input-type=module -e '
  import fs from "node:fs";
  import * as m from "./carepath_wasm.js";
  m.initSync({ module: fs.readFileSync("carepath_wasm_bg.wasm") });
  const [name, ...more] = JSON.parse(m.missingEditions(undefined, undefined));
  if (!/^[a-z0-9-]+@\d+\.\d+\.\d+$/.test(name) || more.length) throw new Error(`not one edition: ${name} ${more}`);
  console.log(name);')
own_files "$OUT/lite" "--define:CAREPATH_DEFAULT_EDITION=\"$DEFAULT_EDITION\""
# The lite widget in one file, for a page that only embeds it: carepath-widget.js with the API,
# the words and the loaders it imports, so that a page asks for the module, styles and edition at
# once rather than after a chain of imports (a round trip each on a phone's network). Welsh, the
# exchange and report modules stay files of their own, fetched when first needed.
STAGE=$(mktemp -d)
cp "$HERE"/js/*.js "$OUT/lite/carepath_wasm.js" "$STAGE/"
"$ESBUILD" "$STAGE/carepath-widget.js" --bundle --minify --format=esm --target=es2022 --legal-comments=none \
  --log-level=warning "--define:CAREPATH_DEFAULT_EDITION=\"$DEFAULT_EDITION\"" --external:node:fs/promises \
  '--external:./carepath-messages-*' --external:./report/carepath_report_wasm.js \
  --outfile="$OUT/lite/carepath-widget.bundle.js"
rm -rf "$STAGE"
# The lite package's second module: FHIR and migration (the crate's feature `exchange`), which
# carepath.js fetches only when a FHIR file or an assessment of an earlier edition first comes.
module "$OUT/lite/exchange" --no-default-features --features exchange
module "$OUT"
own_files "$OUT"

# The report module (carepath-report-wasm), built as the core's but optimised with -Oz alone
# (--flatten --rereloop --converge take minutes on a module this size for about 1%); one copy, in
# pkg/report/: the lite package's carepath-report.js loads it from one folder up.
REPORT_WASM="$TD/wasm32-unknown-unknown/wasm-release/carepath_report_wasm.wasm"
cargo build -p carepath-report-wasm --target wasm32-unknown-unknown --profile wasm-release --locked
wasm-bindgen --target web --out-dir "$OUT/report" "$REPORT_WASM"
"$WASM_OPT" -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-reference-types --enable-multivalue \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  "$OUT/report/carepath_report_wasm_bg.wasm" -o "$OUT/report/carepath_report_wasm_bg.wasm"
"$ESBUILD" "$OUT/report/carepath_report_wasm.js" --minify --format=esm --target=es2022 --legal-comments=none \
  --log-level=warning --allow-overwrite --outfile="$OUT/report/carepath_report_wasm.js"
for f in carepath-report.js carepath-widget.bundle.js; do
  sed -i 's#"\./report/carepath_report_wasm\.js"#"../report/carepath_report_wasm.js"#' "$OUT/lite/$f"
  grep -q '"\.\./report/carepath_report_wasm\.js"' "$OUT/lite/$f" \
    || { echo "build.sh: pkg/lite/$f does not load ../report/" >&2; exit 1; }
done
for f in carepath.js carepath-widget.bundle.js; do
  sed -i 's#"\./catalogues/"#"../catalogues/"#' "$OUT/lite/$f"
  grep -q '"\.\./catalogues/"' "$OUT/lite/$f" \
    || { echo "build.sh: pkg/lite/$f does not fetch editions from ../catalogues/" >&2; exit 1; }
done
# The bundled catalogue editions as files too: the lite module fetches them from here (the full
# one has them built in), and a site can serve a catalogue by URL: standards/ is their one source.
for dir in "$ROOT"/standards/*/; do
  id=$(basename "$dir")
  case $id in schemas | examples) continue ;; esac
  mkdir -p "$OUT/catalogues/$id"
  cp "$dir"*.json "$OUT/catalogues/$id/"
done

rm -rf "$HERE/www/pkg"
cp -r "$OUT" "$HERE/www/pkg"
for dir in "$OUT" "$OUT/lite" "$OUT/lite/exchange"; do
  echo "built ${dir#"$HERE"/}: wasm $(wc -c <"$dir/carepath_wasm_bg.wasm") bytes ($(gzip -9c "$dir/carepath_wasm_bg.wasm" | wc -c) gzipped)"
done
echo "built pkg/report: wasm $(wc -c <"$OUT/report/carepath_report_wasm_bg.wasm") bytes ($(gzip -9c "$OUT/report/carepath_report_wasm_bg.wasm" | wc -c) gzipped)"
