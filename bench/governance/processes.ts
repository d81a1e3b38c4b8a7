import { type ChildProcess, spawn } from 'node:child_process';

export interface BenchProcess {
  name: string;
  url: string;
  pid: number;
  /** `kill -9`: the process gets no chance to settle or clean up. */
  kill(): Promise<void>;
  /** SIGINT, then SIGKILL if it is still there after 3 s. */
  close(): Promise<void>;
  /** The last few KB it printed, for error messages. */
  output(): string;
}

const running = new Set<ChildProcess>();

/** Kills every process this module started; synchronous, so it works in an `exit` handler. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/**
 * Starts `node <args>` and resolves with the URL it prints (`listening on <url>`), within
 * `timeoutMs`. The process is killed when the bench exits, however it exits.
 */
export function startNodeProcess(options: {
  name: string;
  args: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<BenchProcess> {
  const child = spawn(process.execPath, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child));
  let output = '';
  const collect = (data: Buffer) => {
    output = (output + data.toString()).slice(-8_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const signal = async (name: NodeJS.Signals, graceMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} did not start in time:\n${output}`));
    }, options.timeoutMs ?? 20_000);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      resolve({
        name: options.name,
        url: match[1].replace(/\/$/, ''),
        pid: child.pid ?? -1,
        kill: () => signal('SIGKILL', 0),
        close: () => signal('SIGINT', 3_000),
        output: () => output,
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, name) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${code ?? name}) before it listened:\n${output}`));
    });
  });
}
