#!/usr/bin/env bash
# The multi-node set-up and its tests run Debian's HAProxy in front of the nodes: installed when missing.
set -euo pipefail
command -v haproxy >/dev/null && exit 0
echo "Installing Debian's haproxy (needed by pnpm cluster and the multi-node tests)…"
sudo_cmd=""
if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq haproxy >/dev/null
haproxy -v | head -1
