#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: lint, type checks, unit and integration
# tests, the crash test, and the Playwright end-to-end suite in Chromium.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/ensure-chromium.sh
# The multi-node tests need PostgreSQL, Redis and HAProxy.
bash scripts/ensure-haproxy.sh
bash scripts/ensure-services.sh
bash scripts/install.sh
pnpm exec turbo run build typecheck lint test --concurrency=2
# These start real server processes and browsers: one at a time on 2 cores.
pnpm exec turbo run test:crash test:e2e --concurrency=1
echo "All test suites passed."
