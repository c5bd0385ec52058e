#!/usr/bin/env bash
# `make bench`: the size report of dist/ and the pure-logic benchmarks (criterion), with the
# commands, for BENCHMARKS.md. (Lighthouse and in-browser timings are still to come: issue 8.)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "## $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores"
echo
echo '$ python3 scripts/budget.py dist --report'
python3 scripts/budget.py dist --report
echo
echo '$ cargo bench -p tak-core --bench core'
cargo bench -q -p tak-core --bench core 2>&1 | grep -E "catalog:|time:|^[a-z+ ]+[0-9a-z]$" || true
echo
echo '$ node bench/lighthouse.mjs 3   # Lighthouse 12.8.2, mobile preset, Debian Chromium'
if [ ! -d bench/node_modules/lighthouse ]; then (cd bench && npm ci --no-audit --no-fund >/dev/null); fi
node bench/lighthouse.mjs 3
