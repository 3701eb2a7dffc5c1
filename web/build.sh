#!/usr/bin/env bash
# Builds the playground: the library compiled to WebAssembly (profile `web`: small), bound with
# wasm-bindgen for the browser into web/www/pkg/, beside index.html. Serve web/www/ from any
# static host. Needs the wasm32-unknown-unknown target and wasm-bindgen-cli 0.2.130 (the
# version of the wasm-bindgen crate in Cargo.lock):
#   rustup target add wasm32-unknown-unknown
#   cargo install wasm-bindgen-cli --version =0.2.130
# `build.sh nodejs` binds for Node instead (web/pkg-node/, for web/tests/node.mjs).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
target=${1:-web}
cd "$here/.."
cargo build --locked -p pmchart-web --target wasm32-unknown-unknown --profile web
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/web/pmchart_web.wasm"
case "$target" in
  web) wasm-bindgen --target web --no-typescript --out-dir "$here/www/pkg" "$wasm" ;;
  nodejs) wasm-bindgen --target nodejs --no-typescript --out-dir "$here/pkg-node" "$wasm" ;;
  *) echo "usage: $0 [web|nodejs]" >&2; exit 2 ;;
esac
