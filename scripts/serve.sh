#!/usr/bin/env bash
# Runs the router on Node (self-hosting on one box): `npm run serve -- --help` lists the flags.
# Variables come from .dev.vars (copied from .dev.vars.example on first run, as for `npm run
# dev`), under the real environment. Paths are relative to where npm was started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
[ -f "$root/.dev.vars" ] || cp "$root/.dev.vars.example" "$root/.dev.vars"
cd "${INIT_CWD:-$PWD}"
# exec: the router replaces this shell, so a signal sent to it (or to npm) reaches the router.
exec node "$root/apps/router/src/node.ts" --env-file "$root/.dev.vars" "$@"
