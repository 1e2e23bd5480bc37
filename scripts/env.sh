# Shared by the scripts: settings every pnpm/turbo call here needs. Sourced, never run.
# better-sqlite3 builds from source against the local Node headers: node-gyp reads the headers'
# location only from the environment of the install (pnpm ignores `nodedir` in .npmrc files, and
# pnpm-workspace.yaml has no such setting), so every script that installs sources this file first.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export TURBO_TELEMETRY_DISABLED=1
export TURBO_NO_UPDATE_NOTIFIER=1
cd "$(dirname "${BASH_SOURCE[0]}")/.."
