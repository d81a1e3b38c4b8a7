import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanEnv,
  exited,
  runToExit,
  type Serving,
  scratchCheckout,
  startServing,
  waitUntilRefused,
} from './cli-processes.ts';

// `npm run dev` in a scratch checkout: wrangler dev and workerd for real, on a free port.
const adminKey = 'sk-test-dev-admin';
const ready = /Ready on (http:\/\/\S+)/;
// Quotes, backticks and dollars: everything a shell or an env file could mangle on the way.
const reply = 'it\'s `quoted` "twice", costs $5 and $HOME stays';
const ownConfig = {
  providers: { mock: { type: 'mock', models: { mine: { reply } } } },
  models: { 'own-alias': { targets: ['mock/mine'] } },
};

let checkout: ReturnType<typeof scratchCheckout>;
const running: Serving[] = [];

beforeAll(() => {
  checkout = scratchCheckout();
  writeFileSync(join(checkout.root, 'own.json'), JSON.stringify(ownConfig, null, 2));
});
afterEach(async () => {
  for (const server of running.splice(0)) {
    server.child.kill('SIGTERM');
    await exited(server.child);
  }
});
afterAll(() => checkout?.remove());

async function dev(args: string[], env: Record<string, string> = {}): Promise<Serving> {
  const server = await startServing('npm', ['run', 'dev', '--', '--port', '0', ...args], {
    env: cleanEnv({ SWITCHYARD_ADMIN_KEY: adminKey, ...env }),
    cwd: checkout.root,
    ready,
  });
  running.push(server);
  return server;
}

async function answer(server: Serving, model: string) {
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const body = (await response.json()) as { choices?: { message: { content: string } }[] };
  return { status: response.status, content: body.choices?.[0]?.message.content };
}

describe('npm run dev with a configuration of your own', () => {
  it('serves the file given with --config, to the byte, and says so before wrangler starts', async () => {
    const server = await dev(['--config', 'own.json']);
    expect(await answer(server, 'own-alias')).toEqual({ status: 200, content: reply });
    expect(server.output().stderr).toContain('config  own.json (--config): 1 provider, 1 alias');
    // Written for wrangler only, with the shell's admin key over .dev.vars' public one.
    const generated = join(checkout.root, '.wrangler/switchyard/dev.env');
    expect(readFileSync(generated, 'utf8')).toContain(`SWITCHYARD_ADMIN_KEY='${adminKey}'`);
  });

  it('serves the JSON in SWITCHYARD_CONFIG from the shell instead of the demo', async () => {
    const server = await dev([], { SWITCHYARD_CONFIG: JSON.stringify(ownConfig) });
    expect(await answer(server, 'own-alias')).toEqual({ status: 200, content: reply });
    expect((await answer(server, 'chat')).status).toBe(404);
  });

  it('stops wrangler and workerd when the npm process is sent SIGTERM', async () => {
    const server = await dev(['--config', 'own.json']);
    server.child.kill('SIGTERM');
    await exited(server.child);
    expect(await waitUntilRefused(server.url), 'workerd outlived npm').toBe(true);
  });

  it('answers a missing config file with one line and exit code 1, before wrangler starts', async () => {
    const { code, stdout, stderr } = await runToExit(
      'npm',
      ['run', 'dev', '--', '--config', 'missing.json'],
      { env: cleanEnv(), cwd: checkout.root },
    );
    expect(code).toBe(1);
    expect(stderr).toContain('switchyard: the config file missing.json does not exist\n');
    expect(`${stdout}${stderr}`).not.toContain('wrangler');
  });
});
