#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml): builds the app's wasm, cuts it into the first-load module and
# the page modules fetched on demand (the `module`s of src/routes.json), and adds them to Trunk's
# staging dir. Trunk's own Rust pipeline cannot split a wasm (trunk-rs/trunk#1022), so this hook
# does the Rust part (index.html tells Trunk to skip it); Trunk does the HTML, CSS and copies.
#
#   cargo build (relocations kept)  ->  wasm-split-cli  ->  wasm-bindgen  ->  wasm-opt -Oz each module
#   ->  scripts/stage_wasm.py: build id in the names, terser on the JS, the route and file tables
#       and the boot, preload and start scripts (web/*.js) in index.html
set -euo pipefail
cd "$(dirname "$0")/.."
STAGE="${TRUNK_STAGING_DIR:?run by trunk build (Trunk.toml post_build hook)}"
PROFILE="${TRUNK_PROFILE:-release}"
NAME=khuzestan-app
# shellcheck disable=SC1091
source scripts/env.sh
if [ "$PROFILE" = release ] && [ -z "${TAK_STABLE:-}" ] && [ -f target/release-toolchain.env ]; then
  # shellcheck disable=SC1091
  . target/release-toolchain.env   # the pinned nightly and its flags (scripts/setup.sh step 5)
fi

# Debian's binaryen 108 produces wasm that fails at start-up: only binaryen 132 (npm) is used.
wasm-opt --version | grep -q "version 132" || { echo "build-wasm: wasm-opt must be binaryen 132 (npm ci)" >&2; exit 1; }

flags="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:---cfg erase_components}"
# --cfg wasm_split turns the split points of src/split.rs into real ones, and the splitter needs
# the linker's relocations and symbol names (wasm-opt strips the result later). TAK_UNSPLIT=1
# (`make dist-only UNSPLIT=1`) builds one wasm with no on-demand modules instead, the build the
# split is measured against (BENCHMARKS.md, "Every way in").
split=(--cfg wasm_split -Clink-arg=--emit-relocs); [ "${TAK_UNSPLIT:-}" = 1 ] && split=()
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags ${split[*]}"
export CARGO_PROFILE_RELEASE_STRIP=false
cargo_profile=(--release); [ "$PROFILE" = release ] || cargo_profile=()
# (The messages name the build script's output folder, where build/i18n.rs wrote the texts.)
messages=target/wasm-split-cargo.jsonl
# TAK_DESK=1 (Makefile): the coordinators' desk's build, with the feature `desk` (src/desk/mod.rs).
features=(); [ "${TAK_DESK:-}" = 1 ] && features=(--features desk)
cargo build "${cargo_profile[@]}" "${features[@]}" --target wasm32-unknown-unknown --bin "$NAME" --locked \
  --message-format=json-render-diagnostics > "$messages"
input="target/wasm32-unknown-unknown/$([ "$PROFILE" = release ] && echo release || echo debug)/$NAME.wasm"

work=target/wasm-split
rm -rf "$work" && mkdir -p "$work/split" "$work/out"
if [ ${#split[@]} -eq 0 ]; then
  wasm-bindgen --target web --no-typescript --out-dir "$work/out" --out-name "$NAME" "$input"
else
  wasm-split-cli "$input" "$work/split" --target web --out-name "$NAME"
  wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$work/out" --out-name "$NAME" "$work/split/$NAME.wasm"
  cp "$work/split/__wasm_split.js" "$work/out/"
  for chunk in "$work"/split/*.wasm; do
    [ "$(basename "$chunk")" = "$NAME.wasm" ] || cp "$chunk" "$work/out/"
  done
fi

# The same features the browsers of 2020 on support (and the ones the toolchain emits).
opt_features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
# WASM_NAMES=1 keeps function names, so a browser profile names Rust functions (not for shipping).
strip=(--strip-debug --strip-producers)
[ "${WASM_NAMES:-}" = 1 ] && strip=(-g)
if [ "$PROFILE" = release ]; then
  for wasm in "$work"/out/*.wasm; do
    # (binaryen 132 warns about the linker's newer name subsections, which it then strips)
    wasm-opt -Oz "${opt_features[@]}" "${strip[@]}" "$wasm" -o "$wasm" \
      2> >(grep -v "unknown name subsection" >&2)
  done
fi

python3 scripts/stage_wasm.py "$work/out" "$STAGE" "$NAME" "$messages"
