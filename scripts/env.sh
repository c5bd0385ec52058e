# Sourced before every build: puts the project's pinned tools first on PATH.
# (The Debian rustc-web fallback of scripts/setup.sh writes target/toolchain.env, read here.)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
if [ -f "$ROOT/target/toolchain.env" ]; then
  # shellcheck disable=SC1091
  . "$ROOT/target/toolchain.env"
fi
