#!/usr/bin/env python3
"""What each part of a wasm costs (issue 22.3): the functions of a wasm that still has its names,
grouped by the crate (or the app's module) they come from, largest first, with `twiggy`.

    python3 scripts/wasm_parts.py WASM [--depth N] [--top K]

WASM must keep its names: `WASM_NAMES=1 make dist-only UNSPLIT=1` builds the residents' app as one
wasm optimised as for shipping but with names (BENCHMARKS.md, "Every way in"). --depth 2 groups
by `crate::module` instead of by crate (the app's own code then shows page by page).

A function is counted under the first path of its name, as rustc writes it:
`<tachys::html::element::HtmlElement<..> as Render>::build` is tachys's, whoever instantiated it,
and `<_ as leptos_router::..::IntoAnyNestedRoute>::..` leptos_router's. Sizes are the bytes of
each function's body before compression.
"""
import collections
import csv
import io
import re
import subprocess
import sys


def owner(name, depth):
    """The crate (and modules, to `depth`) a function's name says it comes from."""
    name = re.sub(r"\[[0-9a-f]{16}\]", "", name.strip())  # rustc's crate disambiguators
    # `<_ as Trait>::f`, `<() as Trait>::f`: the trait's crate.
    name = re.sub(r"^<(_|\(\)) as ", "", name)
    if name.startswith("<"):
        name = name[1:]
    # `<&T as ..>`, `<[T] as ..>`, `<(A, B) as ..>`: the first path inside.
    name = name.lstrip("&*[(").replace("mut ", "").replace("dyn ", "")
    path = re.match(r"[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*", name)
    if not path:
        return "(other)"
    parts = path.group(0).split("::")
    if len(parts) == 1:
        return "(unnamed)" if parts[0].startswith(("func", "code")) else parts[0]
    return "::".join(parts[:depth])


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not args:
        sys.exit(__doc__)
    depth = int(sys.argv[sys.argv.index("--depth") + 1]) if "--depth" in sys.argv else 1
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    if "--depth" in sys.argv:
        args.remove(str(depth))
    if "--top" in sys.argv:
        args.remove(str(top))
    out = subprocess.run(["twiggy", "top", "-n", "1000000", "-f", "csv", args[0]], check=True, capture_output=True, text=True).stdout
    sizes = collections.Counter()
    counts = collections.Counter()
    total = 0
    for row in csv.DictReader(io.StringIO(out)):
        size = int(row["ShallowSize"])
        name = row["Name"]
        if "subsection" in name or name.startswith("custom section"):
            continue  # names and other custom sections: not shipped (wasm-opt strips them)
        total += size
        if name.startswith("data segment"):
            key = "(data: constants and strings)"
        elif name.startswith(("elem[", "type[", "import ", "export ", "table[", "global[", "memory[")):
            key = "(" + re.split(r"[\[ ]", name)[0] + ")"
        else:
            key = owner(name, depth)
        sizes[key] += size
        counts[key] += 1
    print(f"{'part':48} {'bytes':>10} {'share':>7} {'items':>7}")
    for key, size in sizes.most_common(top):
        print(f"{key:48} {size:10d} {100 * size / total:6.1f}% {counts[key]:7d}")
    rest = sum(s for k, s in sizes.most_common()[top:])
    print(f"{'(the rest)':48} {rest:10d} {100 * rest / total:6.1f}%")
    print(f"{'in all':48} {total:10d}")


if __name__ == "__main__":
    main()
