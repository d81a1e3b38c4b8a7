#!/usr/bin/env bash
# Runs the router locally inside workerd (wrangler dev) on 127.0.0.1:8787.
#   npm run dev -- [--config <file>] [--port <n>] [--host <address>] [--strict] [wrangler flags]
# Variables come from .dev.vars (copied from .dev.vars.example on first run), overridden by the
# same names set in the shell. A config file (--config or SWITCHYARD_CONFIG_FILE) reaches the
# worker as the SWITCHYARD_CONFIG variable, since a Worker cannot read files. Without any
# config it serves the embedded demo config.
set -euo pipefail
case " $* " in *" -h "* | *" --help "*) sed -n '2,7s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
[ -f "$root/.dev.vars" ] || cp "$root/.dev.vars.example" "$root/.dev.vars"

checks=() wrangler_args=() port="${PORT:-8787}" host=127.0.0.1
needs_value() { [ $# -ge 2 ] || { echo "switchyard: $1 needs a value; see --help" >&2; exit 1; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --config) needs_value "$@"; checks+=(--config "$2"); shift 2 ;;
    --config=*) checks+=(--config "${1#--config=}"); shift ;;
    --port) needs_value "$@"; port="$2"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    --host | --ip) needs_value "$@"; host="$2"; shift 2 ;;
    --host=* | --ip=*) host="${1#*=}"; shift ;;
    --strict) checks+=(--strict); shift ;;
    *) wrangler_args+=("$1"); shift ;;
  esac
done

# Relative config paths are read from where npm was started, as `npm run serve` does.
generated="$root/.wrangler/switchyard/dev.env"
mkdir -p "$(dirname "$generated")"
(cd "${INIT_CWD:-$PWD}" && node "$root/apps/router/src/node/write-dev-vars.ts" \
  --dev-vars "$root/.dev.vars" --out "$generated" "${checks[@]}")

cd "$root"
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
# With --env-file, wrangler reads that file instead of .dev.vars (which it already contains).
export CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV=true
exec "$root/node_modules/.bin/wrangler" dev --ip "$host" --port "$port" --env-file "$generated" \
  "${wrangler_args[@]}"
