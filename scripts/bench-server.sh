#!/usr/bin/env bash
# The sign-up server's figures (issue 19), part of `make bench`: sign-ups per second with p50/p99
# at 50 and 200 concurrent clients (30 % of sign-ups sent twice), /availability requests per
# second, and the server's peak resident memory; on SQLite, then on a throwaway PostgreSQL.
# `/health` (the HTTP stack without the database) is measured in the same run as the anchor.
#   scripts/bench-server.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
cargo build -q --release --locked -p tak-server --bin tak-server --example load
bin=target/release/tak-server
load=target/release/examples/load
work=$(mktemp -d /tmp/tak-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

run() { # $1: a label, $2: DATABASE_URL
  local port=18081 pid
  DATABASE_URL="$2" CATALOG=public/catalog.json LISTEN=127.0.0.1:$port RATE_PER_MINUTE=100000000 \
    LOG=warn,sqlx=error DB_MAX_CONNECTIONS=16 "$bin" &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.1; done
  echo "== $1 ($(nproc) cores)"
  "$load" "http://127.0.0.1:$port" health 50 "$seconds"
  "$load" "http://127.0.0.1:$port" signups 50 "$seconds"
  "$load" "http://127.0.0.1:$port" signups 200 "$seconds"
  "$load" "http://127.0.0.1:$port" availability 50 "$seconds"
  echo "peak resident memory: $(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' "/proc/$pid/status")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

if [ "${2:-}" != postgres-only ]; then
  run SQLite "sqlite://$work/bench.db?mode=rwc"
  bash scripts/with-postgres.sh bash "$0" "$seconds" postgres-only
else
  psql "$TAK_TEST_POSTGRES" -q -c "CREATE DATABASE bench"
  run PostgreSQL "${TAK_TEST_POSTGRES%/*}/bench"
fi
