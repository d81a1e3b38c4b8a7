/** Where undici keeps the dispatcher Node's `fetch` uses, and where undici 8 keeps its own. */
const fetchDispatcherKey = Symbol.for('undici.globalDispatcher.1');
const undici8DispatcherKey = Symbol.for('undici.globalDispatcher.2');

/**
 * True when the global `fetch` goes through something other than a plain connection pool: the
 * proxy Node installs for `NODE_USE_ENV_PROXY=1` or `--use-env-proxy` (`EnvHttpProxyAgent`), or a
 * proxy or mock agent a program set with `setGlobalDispatcher`. The upstream client would bypass
 * it, so the router keeps the global `fetch` then.
 * @example const fetch = globalFetchIsRedirected() ? undefined : createUpstreamFetch();
 */
export function globalFetchIsRedirected(): boolean {
  const globals = globalThis as Record<symbol, unknown>;
  const dispatcher = globals[fetchDispatcherKey];
  if (dispatcher === undefined) return false;
  const kind = dispatcher?.constructor?.name;
  // Something imported `undici` 8: Node's fetch goes through a wrapper of undici's own dispatcher.
  if (kind === 'Dispatcher1Wrapper')
    return globals[undici8DispatcherKey]?.constructor?.name !== 'Agent';
  return kind !== 'Agent';
}
