import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const modulePath = fileURLToPath(new URL('./global-fetch-dispatcher.ts', import.meta.url));

/** Asks a fresh Node process, whose global dispatcher nothing else has touched. */
function askFreshNode(setup: string, env: Record<string, string> = {}): string {
  const script = `${setup}; const { globalFetchIsRedirected } = await import(${JSON.stringify(modulePath)}); console.log(globalFetchIsRedirected());`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, NODE_USE_ENV_PROXY: '', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

describe('globalFetchIsRedirected', () => {
  it('is false for the plain global fetch, before and after its first call', () => {
    expect(askFreshNode('')).toBe('false');
    expect(askFreshNode(`await fetch('http://127.0.0.1:9/').catch(() => {})`)).toBe('false');
  });

  it('is true when Node sends the global fetch through HTTP_PROXY (NODE_USE_ENV_PROXY=1)', () => {
    const proxied = { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: 'http://127.0.0.1:9' };
    expect(askFreshNode('', proxied)).toBe('true');
  });
});
