#!/usr/bin/env bash
# `pnpm cluster`: builds, then runs N nodes (ROOMLOG_NODES, default 2) on the local PostgreSQL and
# Redis behind HAProxy on PORT (default 8080). Installs HAProxy and starts the services if needed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/ensure-haproxy.sh
bash scripts/ensure-services.sh
if [ -z "${DATABASE_URL:-}" ]; then
  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'roomlog'" | grep -q 1 ||
    psql -h 127.0.0.1 -U postgres -qc 'CREATE DATABASE roomlog'
fi
pnpm install --frozen-lockfile
pnpm exec turbo run build --filter=@roomlog/server...
exec node deploy/cluster.mjs
