#!/usr/bin/env python3
"""Finishes dist/ after `trunk build --release`:

- the static shell's texts (the introduction and the home page) from i18n/*.json;
- 404.html, a copy of index.html, so hosts without an SPA fallback (GitHub Pages) still open deep links;
- the service worker's precache list and version (the hashed files of this build);
- the Content-Security-Policy, with the sha256 of each inline script, into _headers and a meta tag;
- .br and .gz files beside every text asset, for hosts that serve precompressed files.
"""
import base64, gzip, hashlib, json, os, re, subprocess, sys

dist = sys.argv[1] if len(sys.argv) > 1 else "dist"
index_path = os.path.join(dist, "index.html")
html = open(index_path, encoding="utf-8").read()

# 0. The static shell's texts, in each language from i18n/*.json (the inline script in
#     index.html sets <html lang> from the saved language; CSS shows the matching one). It is real
#     text painted before the wasm arrives, so the reader knows at once what the app is.
def html_escape(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
i18n_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "i18n")
LANGS = ("fa", "ar", "en")
# A counted text (a form per plural category) is shown in its "other" form, as the app does.
texts = {lang: {k: html_escape(v["other"] if isinstance(v, dict) else v)
                for k, v in json.load(open(os.path.join(i18n_dir, lang + ".json"), encoding="utf-8")).items()}
         for lang in LANGS}

# The introduction, shown on every route but `/` above a skeleton.
intro = "".join(f'<p class=shell-intro lang={lang}>{texts[lang]["home_intro"]}</p>' for lang in LANGS)
html = re.sub(r'<p [^>]*data-i18n="?home_intro"?[^>]*></p>', lambda _: intro, html)

# 0b. The home page is static text: the shell carries it whole, filled from the template the app
#     draws `/` from (web/home.html, read by build/home.rs), so `/` is readable and its links work
#     before the wasm arrives. The shell is hidden from assistive technology until the app
#     replaces it, so its links are kept out of the tab order too.
home_template = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "web", "home.html"), encoding="utf-8").read().strip()
def home(t, lang):
    filled = re.sub(r"\{(\w+)\}", lambda m: t[m.group(1)], home_template)
    return f'<div class=shell-home lang={lang}>' + filled.replace("<a ", "<a tabindex=-1 ") + "</div>"
homes = "".join(home(texts[lang], lang) for lang in LANGS)
html = re.sub(r'<div [^>]*data-i18n="?home"?[^>]*></div>', lambda _: homes, html)

# 1. CSP: hash every inline script; no inline styles are needed.
hashes = []
for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S):
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    hashes.append(f"'sha256-{digest}'")
csp = (
    "default-src 'self'; "
    f"script-src 'self' 'wasm-unsafe-eval' {' '.join(hashes)}; "
    "style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self' https: http:; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# frame-ancestors is ignored in a meta tag, so the meta copy leaves it out (hosts get it from _headers).
meta_csp = csp.replace("; frame-ancestors 'none'", "")
if "Content-Security-Policy" not in html:
    html = re.sub(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + f'<meta http-equiv="Content-Security-Policy" content="{meta_csp}">', html, count=1)
open(index_path, "w", encoding="utf-8").write(html)
open(os.path.join(dist, "404.html"), "w", encoding="utf-8").write(html)
open(os.path.join(dist, "csp.txt"), "w").write(csp + "\n")

headers_path = os.path.join(dist, "_headers")
headers = open(headers_path, encoding="utf-8").read()
headers = re.sub(r"  Content-Security-Policy: .*\n", "", headers)
headers = headers.replace("/*\n", f"/*\n  Content-Security-Policy: {csp}\n", 1)
open(headers_path, "w", encoding="utf-8").write(headers)

# 2. Service worker: precache the shell (hashed files, index, config is data and stays out).
shell = ["./", "index.html", "manifest.webmanifest", "icons/icon.svg", "icons/icon-192.png"]
# (The coordinators' desk, a build of its own in desk/, is not listed: residents never fetch it.)
for name in sorted(os.listdir(dist)):
    if re.search(r"-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css|txt)$", name):
        shell.append(name)
hashed = [n for n in shell if n.endswith((".wasm", ".js", ".css"))]
if len(hashed) < 3:
    sys.exit(f"postbuild: expected the hashed wasm, JS and CSS in {dist}, found {hashed}: offline would break")
# The version covers what the files hold, not only their names: index.html and the manifest keep
# their names from build to build, and a changed one must still reach readers who have the app
# installed (the worker answers from the cache of its own version).
digest = hashlib.sha256()
for name in shell:
    digest.update(name.encode())
    path = os.path.join(dist, name)
    if os.path.isfile(path):
        digest.update(open(path, "rb").read())
version = digest.hexdigest()[:12]
sw_path = os.path.join(dist, "sw.js")
sw = open(sw_path, encoding="utf-8").read()
sw = sw.replace('const VERSION = "dev";', f'const VERSION = "{version}";')
sw = sw.replace("const PRECACHE = [];", "const PRECACHE = " + json.dumps(shell) + ".map((p) => new URL(p, self.registration.scope).href);")
open(sw_path, "w", encoding="utf-8").write(sw)

# 3. Precompressed copies.
for root, _, files in os.walk(dist):
    for f in files:
        if f.endswith((".br", ".gz")) or not f.endswith((".html", ".js", ".wasm", ".css", ".json", ".webmanifest", ".svg", ".txt")):
            continue
        path = os.path.join(root, f)
        data = open(path, "rb").read()
        open(path + ".gz", "wb").write(gzip.compress(data, 9, mtime=0))
        subprocess.run(["brotli", "-f", "-q", "11", "-o", path + ".br", path], check=True)
print(f"postbuild: {len(shell)} files precached (version {version}), {len(hashes)} inline script hash(es)")
