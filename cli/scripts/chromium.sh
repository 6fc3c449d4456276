# Shared by the render scripts (source it, do not run it): finds headless Chromium and the
# carepath binary, and takes screenshots.
#
#   find_chromium          sets CHROMIUM, or prints "skipped: ..." and exits 0 when none is found
#   find_carepath ROOT     sets BIN (CAREPATH_BIN, else builds target/debug/carepath)
#   screenshot HTML PNG WIDTH HEIGHT
#                          renders HTML (a file) to PNG at WIDTHxHEIGHT, checks a PNG was written

find_chromium() {
  CHROMIUM=${CHROMIUM:-}
  if [ -z "$CHROMIUM" ]; then
    if [ -x /usr/bin/chromium ]; then CHROMIUM=/usr/bin/chromium
    else CHROMIUM=$(command -v chromium || command -v chromium-browser || true); fi
  fi
  if [ -z "$CHROMIUM" ] || [ ! -x "$CHROMIUM" ]; then
    echo "skipped: chromium not found (apt-get install chromium, or set CHROMIUM)"
    exit 0
  fi
}

find_carepath() {
  local root=$1
  BIN=${CAREPATH_BIN:-}
  if [ -z "$BIN" ]; then
    cargo build --quiet -p carepath-cli --manifest-path "$root/Cargo.toml"
    local target
    target=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
    BIN="$target/debug/carepath"
  fi
}

screenshot() {
  local html=$1 png=$2 width=$3 height=$4
  local profile log
  profile=$(mktemp -d)
  log="${png%.png}.chromium.log"
  rm -f "$png"
  if ! timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --disable-background-networking --disable-component-update --disable-sync --no-first-run \
    --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="$png" --window-size="$width,$height" "file://$html" >"$log" 2>&1; then
    rm -rf "$profile"
    echo "chromium failed:"; cat "$log"; exit 1
  fi
  rm -rf "$profile"
  [ -s "$png" ] || { echo "chromium wrote no screenshot:"; cat "$log"; exit 1; }
  echo "rendered $png ($(wc -c <"$png") bytes)"
}
