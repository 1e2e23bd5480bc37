# Shared by the start and test scripts: settings every pnpm/turbo call here needs.
# better-sqlite3 builds from source against the local Node headers (pnpm ignores ~/.npmrc's nodedir).
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export TURBO_TELEMETRY_DISABLED=1
export TURBO_NO_UPDATE_NOTIFIER=1
cd "$(dirname "${BASH_SOURCE[0]}")/.."
