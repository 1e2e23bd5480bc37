#!/usr/bin/env bash
# Every benchmark, in turn (`pnpm bench`). BENCH_QUICK=1 runs small sizes for development.
# 5,000 idle clients hold ~10,000 sockets across the server and generator processes: raise the
# open-file limit to the hard limit first.
set -euo pipefail
cd "$(dirname "$0")"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
write=--write
if [ "${BENCH_QUICK:-}" = 1 ]; then write=; fi
tsx append.bench.ts $write
tsx store.bench.ts $write
tsx catch-up.bench.ts $write
tsx realtime.bench.ts $write
