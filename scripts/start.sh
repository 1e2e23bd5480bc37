#!/usr/bin/env bash
# Installs everything and starts Roomlog on http://localhost:3000 with its embedded SQLite file.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/install.sh
echo "Building the web app and the server…"
pnpm exec turbo run build --filter=@roomlog/server... --output-logs=errors-only
exec node apps/server/dist/main.js
