import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PinnedProcess, startPinnedProcess } from './pinned-process.ts';

const nodeEntry = fileURLToPath(new URL('../../apps/router/src/node.ts', import.meta.url));

export type PinnedRouter = PinnedProcess;

/**
 * The router entry to run: `BENCH_ROUTER_ENTRY` (an absolute path to another checkout's
 * apps/router/src/node.ts, to measure a baseline commit with this bench) or this checkout's.
 */
export function routerEntry(env: NodeJS.ProcessEnv = process.env): string {
  const entry = env.BENCH_ROUTER_ENTRY;
  if (entry === undefined || entry === '') return nodeEntry;
  if (!isAbsolute(entry) || !existsSync(entry)) {
    throw new Error(`BENCH_ROUTER_ENTRY must be the absolute path of a router's node.ts: ${entry}`);
  }
  return entry;
}

/**
 * Starts the router's Node entry (this checkout's unless `entry` names another) pinned to one
 * core (`taskset -c <core>`), so it does not share a core with the load generator. `nodeFlags`
 * go to node itself, e.g. `--cpu-prof`.
 */
export function startPinnedRouter(options: {
  core: number;
  vars: Record<string, string>;
  entry?: string;
  nodeFlags?: string[];
}): Promise<PinnedRouter> {
  return startPinnedProcess({
    core: options.core,
    nodeFlags: options.nodeFlags,
    args: [options.entry ?? nodeEntry, '--port', '0'],
    env: options.vars,
  });
}
