#!/usr/bin/env bash
# Installs what building and testing need on a fresh machine, skipping whatever is already
# there at the right version. Only the package registries are reachable here, so every tool
# comes from crates.io, npm or Debian — never from a download of a prebuilt binary.
#   scripts/install-tools.sh build   # toolchain + front-end assets (for `make run`)
#   scripts/install-tools.sh test    # the same + Chromium and the Playwright packages
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10      # 0.3.11 needs a newer rustc than this machine's
WASM_BINDGEN_VERSION=0.2.130     # must equal the `wasm-bindgen` pin in Cargo.toml
WEBPKI_ROOTS_VERSION=1.0.10      # the CLI's lockfile names a webpki-roots crates.io no longer serves
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
mode=${1:-build}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The tools' own release profiles ask for fat LTO in one codegen unit: twenty minutes of a
# cold CI machine's two cores for cargo-leptos alone. They are built without it.
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
# cargo-leptos only orchestrates (cargo, wasm-bindgen and wasm-opt do the heavy work), so it is
# not optimised at all (7 min 52 s instead of 16 min 56 s here), but for the compressors it
# runs itself on every release build (--precompress: 33 s instead of 11 s even so).
CARGO_LEPTOS_PROFILE=(--config 'profile.release.opt-level=0')
for crate in brotli brotli-decompressor alloc-no-stdlib alloc-stdlib miniz_oxide; do
  CARGO_LEPTOS_PROFILE+=(--config "profile.release.package.$crate.opt-level=3")
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The release build compiles the WASM's standard library itself (Makefile, `release`).
if ! rustup component list --installed | grep -qx rust-src; then
  say "rustup component add rust-src"
  rustup component add rust-src
fi

# `make test` checks the formatting (rustfmt.toml) and the lints first.
if ! cargo fmt --version >/dev/null 2>&1; then
  say "rustup component add rustfmt"
  rustup component add rustfmt
fi
if ! cargo clippy --version >/dev/null 2>&1; then
  say "rustup component add clippy"
  rustup component add clippy
fi

if [ "$(cargo leptos --version 2>/dev/null)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
  say "cargo install cargo-leptos@$CARGO_LEPTOS_VERSION (about 8 minutes on 2 cores)"
  cargo install cargo-leptos@"$CARGO_LEPTOS_VERSION" --locked "${CARGO_LEPTOS_PROFILE[@]}"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION from its crate source"
  # A first `cargo install` only serves to put the crate's source into cargo's registry cache.
  cargo install wasm-bindgen-cli@"$WASM_BINDGEN_VERSION" --locked >/dev/null 2>&1 || true
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/wasm-bindgen-cli-"$WASM_BINDGEN_VERSION" | head -n1)
    work=$(mktemp -d)
    cp -r "$src"/. "$work"
    (cd "$work" && cargo update -p webpki-roots --precise "$WEBPKI_ROOTS_VERSION" && cargo install --path . --locked)
    rm -rf "$work"
  fi
fi

# `npm ci` empties node_modules and installs it again (seconds, and new dates on every file):
# skipped when npm's own record of the last install is newer than the lockfile.
npm_ci() {
  if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    say "npm packages of $PWD up to date"
  else
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

say "front-end packages (Leaflet, Supercluster, binaryen's wasm-opt, esbuild)"
npm_ci
# cargo-leptos calls `wasm-opt` once per file of the split build, node_modules/.bin first on its
# PATH: that name leads to one long-lived optimiser (scripts/wasm-opt), npm's binaryen inside.
ln -sf ../../scripts/wasm-opt/bin/wasm-opt node_modules/.bin/wasm-opt
scripts/copy-vendor-assets.sh

if [ "$mode" = test ]; then
  # Chromium for the browser tests; a real SMTP server (aiosmtpd) for the mail tests; the
  # sqlite3 command that checks the database a killed server left (durability test).
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/sqlite3 ] || missing+=(sqlite3)
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  say "end-to-end test packages (Playwright, axe-core)"
  (cd end2end && npm_ci)
fi
