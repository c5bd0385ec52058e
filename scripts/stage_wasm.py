#!/usr/bin/env python3
"""The split build's last step (run by scripts/build-wasm.sh): puts the wasm modules and their JS
into Trunk's staging dir, and writes into its index.html what the page needs to start them.

    stage_wasm.py <bound and optimised modules dir> <staging dir> <crate name> <cargo's JSON messages>

1. Every file gets the build id in its name (a hash of all of them), so a new build never mixes
   with an old one in a cache; the JS that names another file is changed to the new name.
2. The splitter's loader (`__wasm_split.js`) takes a module the preloader already asked for
   (`takTake`, web/preload.js) instead of fetching it again.
3. index.html gets two JSON tables: `tak-routes`, the route table (src/routes.json) as
   [path, module] pairs, and `tak-build`, this build's files: the first-load JS and wasm, each
   module with the shared chunks it needs, largest first (read from the splitter's loader), and
   each language's texts (written by build/i18n.rs, fetched by the app for its reader alone), and
   in the desk's build (TAK_DESK=1) the desk's (`desk_texts`).
4. The `<script data-tak-inline=FILE>` placeholders of index.html become the scripts in web/,
   minified by terser, and the first-load JS and the loader get a modulepreload with integrity.
"""
import base64
import hashlib
import json
import os
import re
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SPLIT_LOADER = "__wasm_split.js"
# The preloader's download if it has one, else a fetch as the loader always did.
# `<script data-tak-inline="web/x.js"...></script>` in index.html, after Trunk's minifier.
PLACEHOLDER = r'<script([^>]*?)\s*data-tak-inline="?([^"\s>]+)"?([^>]*)></script>'
TAKE_EARLY = "const takeEarly = (url) => (globalThis.takTake ? globalThis.takTake(url) : fetch(url));\n"


def build_id(contents):
    """The id of a build: a hash of every file's bytes, in name order."""
    return hashlib.sha256(b"".join(contents[f] for f in sorted(contents))).hexdigest()[:16]


def hashed_name(file, crate, build):
    """`khuzestan-app_bg.wasm` -> `khuzestan-app-<id>_bg.wasm`; `__wasm_split.js` -> `wasm_split-<id>.js`."""
    if file == f"{crate}_bg.wasm":
        return f"{crate}-{build}_bg.wasm"
    stem, ext = os.path.splitext(file)
    return f"{stem.lstrip('_')}-{build}{ext}"


def rename_references(js, renames):
    """Module specifiers and fetched URLs only: the wasm's own import names ("./__wasm_split.js"
    as a key of the imports object) must stay as they are."""
    for old, new in renames.items():
        for q in "\"'":
            js = js.replace(f"from {q}./{old}{q}", f"from {q}./{new}{q}")
            js = js.replace(f"URL({q}./{old}{q}", f"URL({q}./{new}{q}")
    return js


def hook_loader(js):
    """The splitter's loader with each module fetch going through `takeEarly`."""
    fetches = js.count("fetch(new URL(")
    if fetches == 0:
        sys.exit(f"stage_wasm: {SPLIT_LOADER} fetches no module the way this script expects")
    return TAKE_EARLY + js.replace("fetch(new URL(", "takeEarly(new URL(")


def modules_in_loader(js):
    """{module: (its wasm, [the shared chunks it needs])}, from the splitter's loader."""
    chunk_file = dict(re.findall(r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"', js))
    modules = {}
    pattern = r'export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)".*?\n, \[([^\]]*)\]\)\)'
    for module, file, deps in re.findall(pattern, js, re.S):
        modules[module] = (file, [chunk_file[d.strip()] for d in deps.split(",") if d.strip()])
    if not modules:
        sys.exit(f"stage_wasm: no module found in {SPLIT_LOADER}: has wasm-split-cli's loader changed?")
    return modules


def route_table(routes_json):
    """src/routes.json as the [path without its leading /, module or None] pairs the page reads."""
    table = json.loads(routes_json)
    return [[r["path"][1:], r.get("module")] for r in table["routes"]], set(table.get("other_modules", {}))


def check_modules(found, routes, other_modules):
    wanted = {module for _, module in routes if module} | other_modules
    if set(found) != wanted:
        sys.exit(f"stage_wasm: the split modules {sorted(found)} are not the ones {ROUTE_TABLE} names {sorted(wanted)}")


def json_block(element_id, value):
    # "</" cannot end the block early: JSON allows "<\/" for it.
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def minified(path, module):
    args = ["terser", path, "--compress", "--mangle"] + (["--module"] if module else [])
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()


def inline_scripts(html, root, minify=minified):
    """Each `<script data-tak-inline="web/x.js"[ type="module"]></script>` as the file's code
    (Trunk's minifier may have dropped the quotes)."""
    def inline(m):
        attrs, file = m.group(1) + m.group(3), m.group(2)
        module = re.search(r'type="?module', attrs) is not None
        code = minify(os.path.join(root, file), module)
        return f'<script{" type=module" if module else ""}>{code}</script>'
    out, n = re.subn(PLACEHOLDER, inline, html)
    if n == 0:
        sys.exit("stage_wasm: index.html has no <script data-tak-inline=...> placeholder")
    return out


def build_script_out_dir(messages, crate):
    """The folder `crate`'s build script wrote to, from cargo's `--message-format=json` lines
    (a package id is `path+file:///dir#crate@version`, or `...dir/crate#version`)."""
    for line in messages.splitlines():
        message = json.loads(line) if line.startswith("{") else {}
        package = message.get("package_id", "")
        if message.get("reason") == "build-script-executed" and (f"#{crate}@" in package or f"/{crate}#" in package):
            return message["out_dir"]
    sys.exit(f"stage_wasm: cargo's messages name no build script output of {crate}")


LANGS = ("fa", "ar", "en")
# TAK_DESK=1: the coordinators' desk's build (src/desk/mod.rs), with its own route table and texts.
DESK = os.environ.get("TAK_DESK") == "1"
ROUTE_TABLE = os.path.join("src", "desk", "routes.json") if DESK else os.path.join("src", "routes.json")
# The app's texts, and the desk's (src/desk/texts.rs) in its build, each a file per language.
TEXTS = ("texts", "desk-texts") if DESK else ("texts",)


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def main(src, stage, crate, messages):
    contents = {f: open(os.path.join(src, f), "rb").read() for f in sorted(os.listdir(src))}
    out_dir = build_script_out_dir(open(messages, encoding="utf-8").read(), crate)
    for kind in TEXTS:
        for lang in LANGS:
            contents[f"{kind}-{lang}.txt"] = open(os.path.join(out_dir, f"{kind}-{lang}.txt"), "rb").read()
    build = build_id(contents)
    renames = {f: hashed_name(f, crate, build) for f in contents}

    routes, other_modules = route_table(open(os.path.join(ROOT, ROUTE_TABLE), encoding="utf-8").read())
    # An unsplit build (TAK_UNSPLIT=1, scripts/build-wasm.sh) has no loader and no modules.
    modules = {}
    if SPLIT_LOADER in contents:
        modules = modules_in_loader(contents[SPLIT_LOADER].decode())
        check_modules(modules, routes, other_modules)

    for f, data in contents.items():
        out = os.path.join(stage, renames[f])
        if f.endswith(".js"):
            text = data.decode()
            if f == SPLIT_LOADER:
                text = hook_loader(text)
            open(out, "w", encoding="utf-8").write(rename_references(text, renames))
            # Trunk's own JS minifier fails on the wasm-bindgen glue; terser (npm) does not.
            subprocess.run(["terser", out, "--module", "--compress", "--mangle", "--output", out], check=True)
        else:
            open(out, "wb").write(data)

    by_size = lambda f: -len(contents[f])
    build_files = {
        "js": renames[f"{crate}.js"],
        "wasm": renames[f"{crate}_bg.wasm"],
        "modules": {m: [renames[w]] + [renames[c] for c in sorted(chunks, key=by_size)] for m, (w, chunks) in modules.items()},
        **{kind.replace("-", "_"): {lang: renames[f"{kind}-{lang}.txt"] for lang in LANGS} for kind in TEXTS},
    }
    preloads = "".join(
        f'<link rel="modulepreload" href="./{name}" crossorigin integrity="{sri(open(os.path.join(stage, name), "rb").read())}">'
        for name in [build_files["js"]] + ([renames[SPLIT_LOADER]] if modules else [])
    )
    index = os.path.join(stage, "index.html")
    html = open(index, encoding="utf-8").read()
    # The tables go before the first script, which reads them as it runs.
    first_script = re.search(PLACEHOLDER, html)
    if first_script is None:
        sys.exit("stage_wasm: index.html has no <script data-tak-inline=...> placeholder")
    data = json_block("tak-routes", routes) + json_block("tak-build", build_files)
    html = html[: first_script.start()] + data + html[first_script.start():]
    html = inline_scripts(html, ROOT)
    html = html.replace("</head>", preloads + "</head>", 1)
    open(index, "w", encoding="utf-8").write(html)
    wasm = [renames[f] for f in contents if f.endswith(".wasm")]
    print(f"stage_wasm: {len(wasm)} wasm modules ({', '.join(wasm)}), build {build}")


if __name__ == "__main__":
    main(*sys.argv[1:5])
