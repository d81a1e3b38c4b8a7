import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface PinnedProcess {
  url: string;
  pid: number | undefined;
  /**
   * CPU time (user + system) the process and its live descendants (e.g. workerd) have used so
   * far, in ms, at the kernel's 10 ms tick; Linux only.
   */
  cpuMs(): number;
  /** Resident memory of the process and its descendants (e.g. workerd), in bytes; Linux only. */
  rssBytes(): number;
  close(): Promise<void>;
}

/**
 * Starts `node <nodeFlags> <args>` pinned to one core (`taskset -c <core>`) and resolves once
 * its output shows a URL matching `ready` (first group; default `listening on <url>`).
 */
export function startPinnedProcess(options: {
  core: number;
  args: string[];
  nodeFlags?: string[];
  env?: Record<string, string>;
  ready?: RegExp;
}): Promise<PinnedProcess> {
  const ready = options.ready ?? /listening on (http:\/\/\S+)/;
  const child = spawn(
    'taskset',
    ['-c', String(options.core), process.execPath, ...(options.nodeFlags ?? []), ...options.args],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = ready.exec(output);
      if (match?.[1] === undefined) return;
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      // Keep draining its output so a full pipe never blocks it.
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({
        url: match[1].replace(/\/$/, ''),
        pid: child.pid,
        cpuMs: () => treeCpuMs(child.pid),
        rssBytes: () => treeRssBytes(child.pid),
        close: () => stop(child),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`process exited with ${code}:\n${output}`)));
  });
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU ms of `pid` plus that of every live descendant, from /proc. */
function treeCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  return cpuMsOf(pid) + childrenOf(pid).reduce((sum, child) => sum + treeCpuMs(child), 0);
}

/** VmRSS of `pid` plus that of every descendant, from /proc. */
export function treeRssBytes(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  return kilobytes * 1024 + childrenOf(pid).reduce((sum, child) => sum + treeRssBytes(child), 0);
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    // Gone, or a kernel without the children file: count the process alone.
    return [];
  }
}

/** SIGINT lets a Node program exit normally, which is when `--cpu-prof` writes its profile. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}
