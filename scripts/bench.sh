#!/usr/bin/env bash
# `make bench`: every figure of issues 8 and 22 with the command that produced it, for
# BENCHMARKS.md: the size report of dist/, the bytes of each way in (bench/arrival.mjs), the
# pure-logic benchmarks (criterion), the in-browser timings and memory (bench/browser.mjs),
# Lighthouse mobile (bench/lighthouse.mjs) and the browser's own LCP entries (bench/lcp.mjs).
# The browser figures include the anchor, TodoMVC in Leptos (`make bench-anchor`), measured in the
# same run. Its tools come from `scripts/setup.sh bench`, which `make bench` runs first.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "## $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores"
echo
echo '$ python3 scripts/budget.py dist --report'
python3 scripts/budget.py dist --report
echo
echo '$ node bench/arrival.mjs 3   # brotli bytes of a first visit of each route, fresh profile, 4x CPU'
node bench/arrival.mjs 3
echo
echo '$ python3 scripts/bench_repeat.py 5   # cargo bench -p tak-core --bench core, five times'
python3 scripts/bench_repeat.py 5
echo
echo '$ node bench/browser.mjs 5   # headless Chromium, the catalogs of `make bench-catalogs`'
node bench/browser.mjs 5
echo
echo '$ node bench/lighthouse.mjs 5   # Lighthouse 12.8.2, mobile preset, Debian Chromium'
node bench/lighthouse.mjs 5
echo
echo "\$ node bench/lcp.mjs   # the page's own largest-contentful-paint entries, 4x CPU"
node bench/lcp.mjs
