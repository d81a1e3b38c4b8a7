import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const nodeEntry = fileURLToPath(new URL('../../apps/router/src/node.ts', import.meta.url));

export interface PinnedRouter {
  url: string;
  pid: number | undefined;
  /** CPU time the router process has used so far (user + system), in ms; Linux only. */
  cpuMs(): number;
  close(): Promise<void>;
}

/**
 * Starts the router's Node entry pinned to one core (`taskset -c <core>`), so it does not share
 * a core with the load generator. `nodeFlags` go to node itself, e.g. `--cpu-prof`.
 */
export function startPinnedRouter(options: {
  core: number;
  vars: Record<string, string>;
  nodeFlags?: string[];
}): Promise<PinnedRouter> {
  const child = spawn(
    'taskset',
    [
      '-c',
      String(options.core),
      process.execPath,
      ...(options.nodeFlags ?? []),
      nodeEntry,
      '--port',
      '0',
    ],
    { env: { ...process.env, ...options.vars }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] === undefined) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve({
        url: match[1],
        pid: child.pid,
        cpuMs: () => cpuMsOf(child.pid),
        close: () => stop(child),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (data: Buffer) => {
      output += data.toString();
    });
    child.once('exit', (code) => reject(new Error(`router exited with ${code}:\n${output}`)));
  });
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms). */
function cpuMsOf(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** SIGINT lets the router exit normally, which is when `--cpu-prof` writes its profile. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}
