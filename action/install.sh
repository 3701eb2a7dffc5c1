#!/usr/bin/env bash
# Installs pmchart for the GitHub Action (action.yml): the release binary for the runner,
# checked against its published SHA-256; when there is none (another platform, no release yet,
# no network), `cargo install --locked` from the action's own source. Puts it on GITHUB_PATH.
#
# Environment: PMCHART_VERSION (empty: the action's own version), GITHUB_ACTION_PATH,
# GITHUB_PATH, RUNNER_TEMP, RUNNER_OS, RUNNER_ARCH, as a runner sets them.
set -euo pipefail

src=${GITHUB_ACTION_PATH:?run this as a step of the pmchart action}
own=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$src/Cargo.toml" | head -n 1)
address=$(sed -n 's/^repository = "\(.*\)"$/\1/p' "$src/Cargo.toml" | head -n 1)
version=${PMCHART_VERSION:-$own}
version=${version#v}
dest="${RUNNER_TEMP:-/tmp}/pmchart-$version"

case "${RUNNER_OS:-$(uname -s)}-${RUNNER_ARCH:-$(uname -m)}" in
  Linux-X64 | Linux-x86_64) target=x86_64-unknown-linux-gnu ext=tar.xz ;;
  Linux-ARM64 | Linux-aarch64) target=aarch64-unknown-linux-gnu ext=tar.xz ;;
  macOS-X64 | Darwin-x86_64) target=x86_64-apple-darwin ext=tar.xz ;;
  macOS-ARM64 | Darwin-arm64) target=aarch64-apple-darwin ext=tar.xz ;;
  Windows-X64) target=x86_64-pc-windows-msvc ext=zip ;;
  *) target="" ext="" ;;
esac

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d ' ' -f 1
  else shasum -a 256 "$1" | cut -d ' ' -f 1; fi
}

download() {
  [ -n "$target" ] || return 1
  local archive="pmchart-$target.$ext" url
  url="$address/releases/download/v$version/$archive"
  mkdir -p "$dest"
  echo "Downloading $url"
  curl --proto '=https' --tlsv1.2 -fsSL --retry 3 "$url" -o "$dest/$archive" || return 1
  curl --proto '=https' --tlsv1.2 -fsSL --retry 3 "$url.sha256" -o "$dest/$archive.sha256" || return 1
  if [ "$(cut -d ' ' -f 1 "$dest/$archive.sha256")" != "$(sha256 "$dest/$archive")" ]; then
    echo "::error::$archive does not match its published SHA-256"
    exit 1
  fi
  if [ "$ext" = zip ]; then
    unzip -q -o "$dest/$archive" -d "$dest/bin"
  else
    mkdir -p "$dest/bin"
    tar -xJf "$dest/$archive" -C "$dest/bin" --strip-components 1
  fi
}

if download; then
  echo "$dest/bin" >> "${GITHUB_PATH:?}"
else
  echo "No release binary of pmchart $version for ${target:-this runner}: building it (cargo install --locked)"
  if [ "$version" != "$own" ]; then
    echo "::error::pmchart $version has no release binary for this runner and this action is version $own: use version $own, or leave version empty"
    exit 1
  fi
  cargo install --locked --path "$src" --root "$dest"
  echo "$dest/bin" >> "${GITHUB_PATH:?}"
fi
