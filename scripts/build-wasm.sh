#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml): builds the app's wasm, cuts it into the first-load module and
# the page modules fetched on demand (src/pages/on_demand.rs), and adds them to Trunk's staging dir
# with the <script>/<link> tags index.html needs. Trunk's own Rust pipeline cannot split a wasm
# (trunk-rs/trunk#1022), so this hook does the Rust part; Trunk does the HTML, CSS and copies.
#
#   cargo build (relocations kept)  ->  wasm-split-cli  ->  wasm-bindgen  ->  wasm-opt -Oz each module
#   -> build id in the names, terser on the JS, <script>/<link> tags and the preloader in index.html
#
# Every output file carries one build id (a hash of all of them), so a new build never mixes with
# an old one in a cache, and the service worker precaches them all (scripts/postbuild.py).
set -euo pipefail
cd "$(dirname "$0")/.."
STAGE="${TRUNK_STAGING_DIR:?run by trunk build (Trunk.toml post_build hook)}"
PROFILE="${TRUNK_PROFILE:-release}"
NAME=khuzestan-app
# shellcheck disable=SC1091
source scripts/env.sh
if [ "$PROFILE" = release ] && [ -f target/release-toolchain.env ]; then
  # shellcheck disable=SC1091
  . target/release-toolchain.env   # the pinned nightly and its flags (scripts/setup.sh step 5)
fi

# Debian's binaryen 108 produces wasm that fails at start-up: only binaryen 132 (npm) is used.
wasm-opt --version | grep -q "version 132" || { echo "build-wasm: wasm-opt must be binaryen 132 (npm ci)" >&2; exit 1; }

# The splitter needs the linker's relocations and symbol names; wasm-opt strips the result later.
flags="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:---cfg erase_components}"
# --cfg wasm_split turns the split points of src/split.rs into real ones.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags --cfg wasm_split -Clink-arg=--emit-relocs"
export CARGO_PROFILE_RELEASE_STRIP=false
cargo_profile=(--release); [ "$PROFILE" = release ] || cargo_profile=()
cargo build "${cargo_profile[@]}" --target wasm32-unknown-unknown --bin "$NAME" --locked
input="target/wasm32-unknown-unknown/$([ "$PROFILE" = release ] && echo release || echo debug)/$NAME.wasm"

work=target/wasm-split
rm -rf "$work" && mkdir -p "$work/split" "$work/out"
wasm-split-cli "$input" "$work/split" --target web --out-name "$NAME"
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$work/out" --out-name "$NAME" "$work/split/$NAME.wasm"
cp "$work/split/__wasm_split.js" "$work/out/"
for chunk in "$work"/split/*.wasm; do
  [ "$(basename "$chunk")" = "$NAME.wasm" ] || cp "$chunk" "$work/out/"
done

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

python3 - "$work/out" "$STAGE" "$NAME" <<'PY'
import base64, hashlib, json, os, re, subprocess, sys
src, stage, name = sys.argv[1:4]
files = sorted(os.listdir(src))
build = hashlib.sha256(b"".join(open(os.path.join(src, f), "rb").read() for f in files)).hexdigest()[:16]
def hashed(f):
    stem, ext = os.path.splitext(f)
    if f == f"{name}_bg.wasm":
        return f"{name}-{build}_bg.wasm"
    return f"{stem.lstrip('_')}-{build}{ext}"
renames = {f: hashed(f) for f in files}
# The loader takes the preloader's downloads through `takTake` (defined by the preloader below);
# without a preloader (a page that has none) it fetches as it always did.
TAKE_EARLY = "const takeEarly = (url) => (globalThis.takTake ? globalThis.takTake(url) : fetch(url));\n"
for f in files:
    data = open(os.path.join(src, f), "rb").read()
    if f.endswith(".js"):
        text = data.decode()
        if f == "__wasm_split.js":
            # A module the preloader below already asked for is taken from it, not fetched again.
            text = TAKE_EARLY + text.replace("fetch(new URL(", "takeEarly(new URL(")
        # Only module specifiers and fetched URLs: the wasm's own import names ("./__wasm_split.js"
        # as a key of the imports object) must stay as they are.
        for old, new in renames.items():
            for q in "\"'":
                text = text.replace(f"from {q}./{old}{q}", f"from {q}./{new}{q}")
                text = text.replace(f"URL({q}./{old}{q}", f"URL({q}./{new}{q}")
        data = text.encode()
    out = os.path.join(stage, renames[f])
    open(out, "wb").write(data)
    if f.endswith(".js"):
        # Trunk's own JS minifier fails on the wasm-bindgen glue; terser (npm) does not.
        subprocess.run(["terser", out, "--module", "--compress", "--mangle", "--output", out], check=True)
def sri(f):
    return "sha384-" + base64.b64encode(hashlib.sha384(open(os.path.join(stage, f), "rb").read()).digest()).decode()
js, wasm = renames[f"{name}.js"], renames[f"{name}_bg.wasm"]
# The app starts after the static shell's first contentful paint (the preloader below keeps the
# promise `takPainted`), so the shell is what a reader sees first even when the wasm is cached;
# the mounted app then replaces it.
tags = (
    f'<script type="module">import init, * as bindings from "./{js}";\n'
    'await window.takPainted;\n'
    f'const wasm = await init({{ module_or_path: window.takTake(new URL("./{wasm}", document.baseURI)) }});\n'
    'window.wasmBindings = bindings;\n'
    'dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));</script>\n'
    f'<link rel="modulepreload" href="./{js}" crossorigin integrity="{sri(js)}">\n'
)
# Once the static shell has painted (its first contentful paint; 2 s at most, for a hidden tab),
# the preloader fetches at once everything the route being opened needs: the first-load wasm, its
# page module and the catalog reader, with the shared chunks each needs (read from the loader the
# splitter wrote), so they download alongside each other instead of one after another. The app
# starts then, and takes those downloads (`takTake`) instead of asking again. On `/` the shell
# is the whole home page, so only the first-load wasm is fetched. Why after the paint: Lighthouse
# counts every download that ends before the largest paint as needed for it, and the shell is that
# paint; requested before it, the wasm raced the paint on loopback and the simulated LCP was 1.1 s
# or 2.3 s by chance. Six requests per task (the first-load wasm, the page module and the catalog
# reader first, then their chunks, largest first): starting 30 at once took 20 ms of main
# thread (80 ms at Lighthouse's 4x CPU), whether by `fetch` or by <link rel=preload>.
# The route -> module table follows src/pages/on_demand.rs.
split_js = open(os.path.join(src, "__wasm_split.js"), encoding="utf-8").read()
chunk_file = dict(re.findall(r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"', split_js))
needs = {}
for m in re.finditer(r'export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)".*?\n, \[([^\]]*)\]\)\)', split_js, re.S):
    module, file, deps = m.groups()
    chunks = sorted((chunk_file[d.strip()] for d in deps.split(",") if d.strip()), key=lambda f: -os.path.getsize(os.path.join(src, f)))
    needs[module] = [renames[file]] + [renames[c] for c in chunks]
routes = {"tak": "tak", "services": "services", "map": "map", "my": "my", "programme": "info", "about": "info"}
if set(routes.values()) | {"catalog"} != set(needs):
    sys.exit(f"build-wasm: split modules {sorted(needs)} do not match the route table {sorted(set(routes.values()))} + catalog")
preload = (
    "<script>/* Fetch the route's wasm after the shell's first paint, then start the app (scripts/build-wasm.sh). */"
    f"(function(){{var M={json.dumps(needs, separators=(',', ':'))},R={json.dumps(routes, separators=(',', ':'))},"
    "p=location.href.slice(document.baseURI.length).split(/[\\/?#]/)[0],m=R[p],F={},done=0;"
    "function fetchEarly(f){var u=new URL(f,document.baseURI).href;if(u in F)return;F[u]=fetch(u);F[u].catch(function(){})}"
    # Each early download is taken once, and marked taken so that it is never fetched twice; one
    # that failed is asked for again at once, and a later retry fetches afresh.
    "window.takTake=function(url){var u=url.href,got=F[u];F[u]=0;return got?got.catch(function(){return fetch(u)}):fetch(u)};"
    "window.takPainted=new Promise(function(go){function painted(){if(done)return;done=1;"
    f"var q=[{json.dumps(wasm)}];if(m)q=q.concat(M[m][0],M.catalog[0],M[m].slice(1),M.catalog.slice(1));"
    "(function batch(){q.splice(0,6).forEach(fetchEarly);if(q.length)setTimeout(batch,0)})();go()}"
    "setTimeout(painted,2000);try{new PerformanceObserver(function(l,o){"
    "if(l.getEntriesByName(\"first-contentful-paint\").length){o.disconnect();painted()}}).observe({type:\"paint\",buffered:true})}catch(x){painted()}})"
    "})()</script>\n"
)
tags += preload + f'<link rel="modulepreload" href="./{renames["__wasm_split.js"]}" crossorigin integrity="{sri(renames["__wasm_split.js"])}">\n'
index = os.path.join(stage, "index.html")
html = open(index, encoding="utf-8").read()
html = re.sub(r"</head>", tags + "</head>", html, count=1)
open(index, "w", encoding="utf-8").write(html)
modules = [renames[f] for f in files if f.endswith(".wasm")]
print(f"build-wasm: {len(modules)} wasm modules ({', '.join(modules)}), build {build}")
PY
