#!/usr/bin/env bash
# Installs the workspace's dependencies; start.sh and test.sh call it after sourcing env.sh.
# Sourced settings matter: better-sqlite3 compiles from source against /usr/include/node only
# when npm_config_nodedir is in the environment of `pnpm install` itself (see env.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if ! compgen -G 'node_modules/.pnpm/better-sqlite3@*/node_modules/better-sqlite3/build/Release/better_sqlite3.node' >/dev/null; then
  echo "First install on this machine: downloading packages and compiling better-sqlite3 from source (about 1.5 minutes)…"
fi
pnpm install --frozen-lockfile
