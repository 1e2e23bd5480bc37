#!/usr/bin/env bash
# Installs everything and starts Roomlog on http://localhost:3000 with its embedded SQLite file.
set -euo pipefail
source "$(dirname "$0")/env.sh"
pnpm install --frozen-lockfile
pnpm exec turbo run build --filter=@roomlog/server...
exec node apps/server/dist/main.js
