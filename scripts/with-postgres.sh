#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb and pg_ctl in a temporary folder,
# loopback TCP on a free port, trust authentication, removed afterwards whatever happens.
# The command sees TAK_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/postgres (an admin URL:
# each test creates its own database in it).
#   scripts/with-postgres.sh cargo test -p tak-server
set -euo pipefail

bindir=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir="$d"; done
if [ -z "$bindir" ]; then
  echo "PostgreSQL is not installed (scripts/setup.sh test installs Debian's postgresql)" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/tak-pg.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# initdb refuses to run as root: the cluster then belongs to Debian's `postgres` user.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi

stop() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200 -c fsync=on" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

export TAK_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at 127.0.0.1:$port (throwaway, $dir)"
"$@"
