#!/usr/bin/env python3
"""Size budget of the release dist/ (issue 8). Bytes are deterministic, so this check may fail
the tests. Prints every figure next to its budget; exits 1 when a budget is exceeded.

First load of `/` = index.html + config.json + the first-load wasm module, its JS (the
wasm-bindgen glue and the loader of the on-demand modules), the CSS and the reader's language's
texts (brotli, level 11). The
wasm is split (scripts/build-wasm.sh): the page modules and the catalog reader are fetched when
first needed and are listed below the budget lines, with the total the service worker precaches.
The sample catalog and the map geometry are budgeted on their own.
"""
import glob, os, subprocess, sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
dist = args[0] if args else "dist"
# --report prints the figures without failing (for `make bench`; `make test` enforces the budgets).
report_only = "--report" in sys.argv
KIB = 1024

def br(path):
    return len(subprocess.run(["brotli", "-c", "-q", "11", path], check=True, capture_output=True).stdout)

def one(pattern):
    found = [p for p in glob.glob(os.path.join(dist, pattern)) if not p.endswith((".br", ".gz"))]
    if len(found) != 1:
        sys.exit(f"budget: expected one {pattern} in {dist}, found {found}")
    return found[0]

rows = [
    ("wasm (first load)", [one("*_bg.wasm")], int(os.environ.get("BUDGET_WASM_KIB", "150")) * KIB),
    # (An unsplit build, `make dist-only UNSPLIT=1`, has no splitter's loader.)
    ("JS (first load)", [one("khuzestan-app-*.js")] + glob.glob(os.path.join(dist, "wasm_split-*.js")), 8 * KIB),
    ("CSS (first load)", [one("app-*.css")], 12 * KIB),
    ("HTML + config (first load)", [os.path.join(dist, "index.html"), os.path.join(dist, "config.json")], 4 * KIB),
    # A reader downloads one language's texts (src/i18n.rs): the largest is budgeted.
    ("texts (first load, one language)", [max((one(f"texts-{l}-*.txt") for l in ("fa", "ar", "en")), key=br)], 5 * KIB),
    ("sample catalog", [os.path.join(dist, "catalog.json")], 30 * KIB),
    ("map geometry (not first load)", [os.path.join(dist, "map", "counties.json")], 25 * KIB),
]
failed = 0
print(f"{'asset':32} {'raw':>10} {'brotli':>10} {'budget':>10}  result")
for name, paths, budget in rows:
    raw = sum(os.path.getsize(p) for p in paths)
    comp = sum(br(p) for p in paths)
    ok = comp <= budget
    failed += not ok
    print(f"{name:32} {raw/KIB:9.1f}K {comp/KIB:9.1f}K {budget/KIB:9.1f}K  {'ok' if ok else 'OVER'}")

first_load = [p for name, paths, _ in rows if "(first load" in name for p in paths]
print(f"{'  first load in all':32} {sum(map(os.path.getsize, first_load))/KIB:9.1f}K {sum(map(br, first_load))/KIB:9.1f}K {'—':>10}")

# The modules fetched on demand (not budgeted: each arrives when its pages first open).
def brotli_kib(paths):
    return sum(br(p) for p in paths) / KIB
on_demand = sorted(p for p in glob.glob(os.path.join(dist, "split_*.wasm")))
shared = sorted(p for p in glob.glob(os.path.join(dist, "chunk_*.wasm")))
for p in on_demand:
    label = os.path.basename(p).split("-")[0].replace("split_", "")
    print(f"{'  on demand: ' + label:32} {os.path.getsize(p)/KIB:9.1f}K {brotli_kib([p]):9.1f}K {'—':>10}")
if shared:
    print(f"{'  on demand: ' + str(len(shared)) + ' shared chunks':32} {sum(map(os.path.getsize, shared))/KIB:9.1f}K {brotli_kib(shared):9.1f}K {'—':>10}")
every = [one("*_bg.wasm")] + on_demand + shared
print(f"{'  all wasm (service worker)':32} {sum(map(os.path.getsize, every))/KIB:9.1f}K {brotli_kib(every):9.1f}K {'—':>10}")

# The coordinators' desk, a build of its own in desk/ that residents never fetch (not budgeted).
desk = os.path.join(dist, "desk")
if os.path.isdir(desk):
    files = [p for p in glob.glob(os.path.join(desk, "*")) if p.endswith((".wasm", ".js", ".css", ".txt")) and os.path.isfile(p)]
    print(f"{'  the desk (desk/, coordinators)':32} {sum(map(os.path.getsize, files))/KIB:9.1f}K {brotli_kib(files):9.1f}K {'—':>10}")

# No crate compiled in twice in different versions (leptos and gloo families).
tree = subprocess.run(
    ["cargo", "tree", "-p", "khuzestan-app", "--target", "wasm32-unknown-unknown", "-d", "-e", "normal", "--depth", "0", "--prefix", "none"],
    capture_output=True, text=True)
dups = sorted({l.split()[0] for l in tree.stdout.splitlines() if l and l.split()[0].startswith(("leptos", "gloo", "reactive_graph", "tachys", "wasm-bindgen"))})
print(f"{'duplicate leptos/gloo crates':32} {', '.join(dups) or 'none':>32}  {'ok' if not dups else 'OVER'}")
failed += bool(dups)
print(f"budget: {len(rows) + 1 - failed} passed, {failed} failed")
sys.exit(1 if failed and not report_only else 0)
