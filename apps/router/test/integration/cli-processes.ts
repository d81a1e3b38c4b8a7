import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const nodeEntry = join(repositoryRoot, 'apps/router/src/node.ts');

/** Variables that would change what the router does; a test sets the ones it means. */
const routerVariables =
  /^(SWITCHYARD_|REDIS_URL$|UPSTASH_|PORT$|INIT_CWD$|npm_|[A-Z_]+_API_KEY$|AWS_)/;

/** This process's environment without the router's variables, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !routerVariables.test(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

/** The generated Workers types declare every variable of `.dev.vars.example` in ProcessEnv. */
const spawnOptions = (options: { env: Record<string, string>; cwd?: string }) => ({
  env: options.env as NodeJS.ProcessEnv,
  cwd: options.cwd,
  stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
});

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end and returns its exit code and output. */
export function runToExit(
  command: string,
  args: string[],
  options: { env: Record<string, string>; cwd?: string },
): Promise<Finished> {
  const child = spawn(command, args, spawnOptions(options));
  const output = collect(child);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, ...output() })));
}

export interface Serving {
  child: ChildProcess;
  url: string;
  /** The router's own process, from its summary line (npm and bash may sit in between). */
  pid: number;
  output(): { stdout: string; stderr: string };
}

/** The router's first line on Node: `Switchyard listening on <url> (pid N)`. */
const routerListening = /listening on (http:\/\/\S+) \(pid (\d+)\)/;

/**
 * Starts a command that runs the router and waits for the line that says where it listens
 * (`ready`: the URL as the first group, the server's pid as the second when it prints one).
 */
export function startServing(
  command: string,
  args: string[],
  options: { env: Record<string, string>; cwd?: string; ready?: RegExp },
): Promise<Serving> {
  const child = spawn(command, args, spawnOptions(options));
  const output = collect(child);
  const ready = options.ready ?? routerListening;
  return new Promise((resolve, reject) => {
    const onData = () => {
      const { stdout, stderr } = output();
      const match = ready.exec(stdout) ?? ready.exec(stderr);
      if (match?.[1] === undefined) return;
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      const pid = match[2] === undefined ? (child.pid ?? 0) : Number(match[2]);
      resolve({ child, url: match[1], pid, output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      const { stdout, stderr } = output();
      reject(new Error(`${command} exited with ${code} before listening:\n${stdout}\n${stderr}`));
    });
  });
}

function collect(child: ChildProcess): () => { stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr?.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  return () => ({ stdout, stderr });
}

export const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

/** Whether a process id is still taken (a zombie counts until its new parent reaps it). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits until `pid` is gone, checking every 50 ms, and says whether it went within `limitMs`:
 * a deadline for an event, not a speed measurement (a correct shutdown takes milliseconds).
 */
export async function waitUntilGone(pid: number, limitMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Waits until nothing accepts connections at `url` (checking every 50 ms), up to `limitMs`. */
export async function waitUntilRefused(url: string, limitMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (await accepts(url)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Whether something accepts TCP connections at the URL's host and port. */
export function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A copy of the checkout's entry points in a temporary directory (scripts, package.json,
 * wrangler.toml, `.dev.vars.example`) whose sources and dependencies link to the real ones,
 * so a test can give it a `.dev.vars` of its own without touching the shared checkout's.
 */
export function scratchCheckout(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'switchyard-checkout-'));
  for (const file of ['scripts', 'package.json', 'wrangler.toml', '.dev.vars.example']) {
    cpSync(join(repositoryRoot, file), join(root, file), { recursive: true });
  }
  // An install here would relink the real node_modules to this directory: the lockfile copy is
  // dated 1970, so the toolchain never finds it newer than the installed dependencies.
  cpSync(join(repositoryRoot, 'pnpm-lock.yaml'), join(root, 'pnpm-lock.yaml'));
  utimesSync(join(root, 'pnpm-lock.yaml'), 0, 0);
  for (const link of [
    'apps',
    'packages',
    'node_modules',
    'pnpm-workspace.yaml',
    'tsconfig.base.json',
  ]) {
    symlinkSync(join(repositoryRoot, link), join(root, link));
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
