#!/usr/bin/env bash
# Builds the playground: the library compiled to WebAssembly (profile `web`: small), bound with
# wasm-bindgen for the browser into web/www/pkg/, beside index.html, then shrunk with wasm-opt.
# Serve web/www/ from any static host. Needs the wasm32-unknown-unknown target, wasm-bindgen-cli
# 0.2.130 (the version of the wasm-bindgen crate in Cargo.lock) and, for wasm-opt, `npm ci` in
# web/ (binaryen, pinned in web/package-lock.json):
#   rustup target add wasm32-unknown-unknown
#   cargo install wasm-bindgen-cli --version =0.2.130
#   (cd web && npm ci)
# `build.sh nodejs` binds for Node instead (web/pkg-node/, for web/tests/node.mjs).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
target=${1:-web}
case "$target" in
  web) out="$here/www/pkg" ;;
  nodejs) out="$here/pkg-node" ;;
  *) echo "usage: $0 [web|nodejs]" >&2; exit 2 ;;
esac
cd "$here/.."
cargo build --locked -p pmchart-web --target wasm32-unknown-unknown --profile web
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/web/pmchart_web.wasm"
wasm-bindgen --target "$target" --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$out" "$wasm"
bound="$out/pmchart_web_bg.wasm"
opt="$here/node_modules/.bin/wasm-opt"
if [ -x "$opt" ]; then
  # -Oz: smallest. The features are the ones rustc enables for wasm32 by default (Rust 1.82+).
  "$opt" -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "$bound" -o "$bound.opt"
  mv "$bound.opt" "$bound"
else
  echo "note: no wasm-opt (run \`npm ci\` in web/): $bound is not shrunk" >&2
fi
echo "$bound: $(wc -c <"$bound") bytes"
