import { fileURLToPath } from 'node:url';
import { type PinnedProcess, startPinnedProcess } from './pinned-process.ts';

const nodeEntry = fileURLToPath(new URL('../../apps/router/src/node.ts', import.meta.url));

export type PinnedRouter = PinnedProcess;

/**
 * Starts the router's Node entry pinned to one core (`taskset -c <core>`), so it does not share
 * a core with the load generator. `nodeFlags` go to node itself, e.g. `--cpu-prof`.
 */
export function startPinnedRouter(options: {
  core: number;
  vars: Record<string, string>;
  nodeFlags?: string[];
}): Promise<PinnedRouter> {
  return startPinnedProcess({
    core: options.core,
    nodeFlags: options.nodeFlags,
    args: [nodeEntry, '--port', '0'],
    env: options.vars,
  });
}
