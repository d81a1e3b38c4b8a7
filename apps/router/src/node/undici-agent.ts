import { createRequire } from 'node:module';
import type { Agent as UndiciAgent } from 'undici';

/**
 * undici's `Agent` class, loaded from its own module rather than undici's entry point: importing
 * `undici` installs an undici 8 Agent as the global dispatcher, which Node's own `fetch` then uses
 * for the whole process (and which drops the proxy `NODE_USE_ENV_PROXY=1` set up). The upstream
 * client needs the Agent only, and must leave the global `fetch` as it was.
 * @example const agent = new Agent({ keepAliveTimeout: 10_000 });
 */
export const Agent = createRequire(import.meta.url)(
  'undici/lib/dispatcher/agent.js',
) as typeof UndiciAgent;
