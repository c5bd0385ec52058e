#!/usr/bin/env bash
# Installs what building and testing need, and only what is missing (safe to run again).
#   scripts/setup.sh          toolchain for building the app (wasm target, trunk, wasm-bindgen, wasm-opt)
#   scripts/setup.sh test     the same plus Chromium, chromedriver and the e2e npm packages
#   scripts/setup.sh bench    the test set plus the benchmark's npm packages (bench/: Lighthouse,
#                             the anchor's stylesheet), from bench/package-lock.json
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=${1:-}
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

command -v cargo >/dev/null || { echo "setup: Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
apt_install brotli python3
# Node.js and npm may come from elsewhere (nodesource); ask Debian only when they are missing.
command -v npm >/dev/null || apt_install nodejs npm

# 1. The wasm32 target: rustup first, Debian's rustc-web with build-std as the fallback.
rm -f target/toolchain.env
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  timeout 600 rustup target add wasm32-unknown-unknown || true
fi
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rustup could not add wasm32: using Debian rustc-web with -Z build-std"
  apt_install rustc-web cargo-web rust-web-src lld-19
  rustup toolchain list | grep -q '^debian' || rustup toolchain link debian /usr
  mkdir -p target
  cat > target/toolchain.env <<'ENV'
export RUSTUP_TOOLCHAIN=debian RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-19/bin/wasm-ld
ENV
fi

# 2. Trunk, pinned to a release that builds with rustc 1.95.
if ! trunk --version 2>/dev/null | grep -q '0.21.14'; then
  say "cargo install trunk 0.21.14"
  cargo install trunk --version 0.21.14 --locked
fi

# 3. wasm-bindgen-cli: exactly the wasm-bindgen version in Cargo.lock (Trunk then never downloads it).
wbg=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg\$"; then
  say "cargo install wasm-bindgen-cli $wbg"
  cargo install wasm-bindgen-cli --version "$wbg"
fi

# 3b. wasm-split-cli: cuts the release wasm into the first-load module and the on-demand ones
#     (scripts/build-wasm.sh). About 3 minutes to build.
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -q '^wasm_split_cli_support v0.2.4:'; then
  say "cargo install wasm_split_cli_support 0.2.4 (wasm-split-cli)"
  # --force: a binary of that name may exist without this CARGO_HOME having recorded it.
  cargo install wasm_split_cli_support --version 0.2.4 --features build-binary --locked --force
fi

# 4. wasm-opt (binaryen 132) and the test packages, from the committed package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci (binaryen 132, playwright-core, axe-core)"
  npm ci --no-audit --no-fund
fi

# 5. The release wasm is built by a pinned nightly that rebuilds std with panics compiled to a bare
#    trap (`-Cpanic=immediate-abort`, std's formatting of panic messages drops out: −28 KiB
#    brotli). The same nightly runs cargo-fuzz. When it cannot be installed, the release build
#    falls back to the stable toolchain (a larger wasm, reported by the size budget).
nightly=$(cat scripts/nightly-toolchain)
rm -f target/release-toolchain.env
if ! rustup component list --toolchain "$nightly" --installed 2>/dev/null | grep -q '^rust-src' \
   || ! rustup target list --toolchain "$nightly" --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rustup toolchain install $nightly (rust-src, wasm32)"
  timeout 900 rustup toolchain install "$nightly" --profile minimal --component rust-src --target wasm32-unknown-unknown || true
fi
if rustup component list --toolchain "$nightly" --installed 2>/dev/null | grep -q '^rust-src' && [ ! -f target/toolchain.env ]; then
  mkdir -p target
  cat > target/release-toolchain.env <<ENV
export RUSTUP_TOOLCHAIN=$nightly CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
ENV
fi

# 6. For tests: Chromium and chromedriver (never a browser download), PostgreSQL (the server's
#    second tier starts a throwaway cluster of its own, scripts/with-postgres.sh), cargo-fuzz for
#    the fuzz targets, and cargo-deny for the licence and ban checks.
if [ "$want_test" = "test" ] || [ "$want_test" = "bench" ]; then
  apt_install chromium chromium-driver postgresql
  command -v cargo-fuzz >/dev/null || { say "cargo install cargo-fuzz"; cargo install cargo-fuzz --version 0.13.2 --locked; }
  command -v cargo-deny >/dev/null || { say "cargo install cargo-deny"; cargo install cargo-deny --version 0.20.2 --locked; }
fi
# 7. For `make bench`: Lighthouse and the anchor's stylesheet (bench/package.json), when the lock
#    file is newer than what is installed, and twiggy for scripts/wasm_parts.py.
if [ "$want_test" = "bench" ] && ! command -v twiggy >/dev/null; then
  say "cargo install twiggy"
  cargo install twiggy --version 0.8.0 --locked
fi
if [ "$want_test" = "bench" ] && { [ ! -d bench/node_modules/lighthouse ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; }; then
  say "npm ci in bench/ (Lighthouse, todomvc-app-css)"
  (cd bench && npm ci --no-audit --no-fund)
fi
say "ready"
