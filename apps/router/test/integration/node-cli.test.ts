import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MockUpstream, startMockUpstream } from '@switchyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accepts,
  cleanEnv,
  exited,
  isRunning,
  nodeEntry,
  runToExit,
  type Serving,
  scratchCheckout,
  startServing,
  waitUntilGone,
} from './cli-processes.ts';

const adminKey = 'sk-test-cli-admin';
let upstream: MockUpstream;
let checkout: ReturnType<typeof scratchCheckout>;
const running: Serving[] = [];

/** A config of one's own: OpenAI (the mock upstream standing in) behind the alias `smart`. */
const ownConfig = () => ({
  providers: { openai: { type: 'openai', api: 'chat', baseURL: upstream.baseURLs.openai } },
  models: { smart: { targets: ['openai/gpt-4o-mini'] } },
});

function writeConfig(name: string, config: unknown): string {
  const path = join(checkout.root, name);
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

const node = (args: string[], env: Record<string, string> = {}) =>
  runToExit(process.execPath, [nodeEntry, ...args], { env: cleanEnv(env), cwd: checkout.root });

async function serve(args: string[], env: Record<string, string>): Promise<Serving> {
  const options = { env: cleanEnv(env), cwd: checkout.root };
  const server = await startServing(process.execPath, [nodeEntry, '--port', '0', ...args], options);
  running.push(server);
  return server;
}

async function chat(server: Serving, key: string, model = 'smart') {
  return fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello' }] }),
  });
}

async function modelIds(server: Serving, key = adminKey): Promise<string[]> {
  const response = await fetch(`${server.url}/v1/models`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const body = (await response.json()) as { data: { id: string }[] };
  return body.data.map(({ id }) => id);
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

beforeAll(async () => {
  upstream = await startMockUpstream();
  checkout = scratchCheckout();
});
afterEach(async () => {
  for (const server of running.splice(0)) {
    // The router itself too: through npm it is not the child, and must not outlive the test.
    for (const pid of new Set([server.pid, server.child.pid])) {
      if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
    await exited(server.child);
  }
});
afterAll(async () => {
  await upstream?.close();
  checkout?.remove();
});

describe('node apps/router/src/node.ts', () => {
  it('prints its flags and variables with --help, and exits 0 without listening', async () => {
    const { code, stdout } = await node(['--help']);
    expect(code).toBe(0);
    for (const text of ['--config', '--port', '--host', '--env-file', '--strict', '--help']) {
      expect(stdout).toContain(text);
    }
    for (const text of ['SWITCHYARD_CONFIG_FILE', 'REDIS_URL', 'PORT', 'SWITCHYARD_STRICT']) {
      expect(stdout).toContain(text);
    }
    expect(stdout).not.toContain('listening');
  });

  it('answers a misspelt flag with one line naming the flag it meant, and exit code 1', async () => {
    const { code, stdout, stderr } = await node(['--prot', '9000']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe("switchyard: unknown option '--prot' (did you mean --port?); see --help\n");
  });

  it('answers a missing config file with one line and exit code 1', async () => {
    const { code, stderr } = await node(['--config', 'no-such-file.json']);
    expect(code).toBe(1);
    expect(stderr).toBe('switchyard: the config file no-such-file.json does not exist\n');
  });

  it('answers an invalid config with the bad field by its path, without a stack trace', async () => {
    const path = writeConfig('invalid.json', {
      providers: { openai: { type: 'openai', baseURL: 'not a url' } },
    });
    const { code, stderr } = await node(['--config', path]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `switchyard: ${path} is invalid:\n  - providers.openai.baseURL: Invalid URL\n`,
    );
    noStackTrace(stderr);
  });

  it('answers a config file that is not JSON, and a bad port, on one line each', async () => {
    const path = join(checkout.root, 'broken.json');
    writeFileSync(path, '{"providers":');
    const broken = await node(['--config', path]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(new RegExp(`^switchyard: ${path} is not valid JSON: .+\\n$`));
    const port = await node(['--port', 'http']);
    expect(port).toMatchObject({
      code: 1,
      stderr: "switchyard: --port must be a port number from 0 to 65535, not 'http'\n",
    });
  });

  it('says to use SWITCHYARD_CONFIG_FILE when SWITCHYARD_CONFIG holds a path', async () => {
    const { code, stderr } = await node([], { SWITCHYARD_CONFIG: './switchyard.json' });
    expect(code).toBe(1);
    expect(stderr).toContain('put the path in SWITCHYARD_CONFIG_FILE instead');
    noStackTrace(stderr);
  });

  it('serves the config file given with --config, and says so at start-up', async () => {
    const path = writeConfig('own.json', ownConfig());
    const server = await serve(['--config', path], {
      SWITCHYARD_ADMIN_KEY: adminKey,
      OPENAI_API_KEY: 'sk-openai-from-env',
    });
    expect(await modelIds(server)).toContain('smart');
    expect(await modelIds(server)).not.toContain('chat');
    const response = await chat(server, adminKey);
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)?.headers.authorization).toBe('Bearer sk-openai-from-env');
    const [listening, config, store, keys] = server.output().stdout.split('\n');
    expect(listening).toBe(`Switchyard listening on ${server.url} (pid ${server.pid})`);
    expect(config).toBe(`  config  ${path} (--config): 1 provider, 1 alias`);
    expect(store).toBe('  store   the in-process store (not shared with other processes)');
    expect(keys).toBe(
      '  keys    admin key set, 0 static keys, stored keys on (hashed under a secret derived from the admin key)',
    );
    expect(server.output().stderr).toBe('');
  });

  it('serves the file named by SWITCHYARD_CONFIG_FILE, which wins over SWITCHYARD_CONFIG', async () => {
    const path = writeConfig('from-variable.json', ownConfig());
    const server = await serve([], {
      SWITCHYARD_ADMIN_KEY: adminKey,
      OPENAI_API_KEY: 'sk-openai',
      SWITCHYARD_CONFIG_FILE: path,
      SWITCHYARD_CONFIG: JSON.stringify({
        providers: { mock: { type: 'mock', models: { e: {} } } },
      }),
    });
    expect(await modelIds(server)).toContain('smart');
    expect(server.output().stdout).toContain(`config  ${path} (SWITCHYARD_CONFIG_FILE)`);
    expect(server.output().stderr).toBe(
      'switchyard: WARNING: SWITCHYARD_CONFIG is set too, and ignored.\n',
    );
  });

  it('serves the demo config when given none, and says so', async () => {
    const server = await serve([], { SWITCHYARD_ADMIN_KEY: adminKey });
    expect(await modelIds(server)).toContain('chat');
    expect(server.output().stdout).toContain('config  the demo config');
  });

  it('warns at start-up of a provider key that is not set, naming provider and variable', async () => {
    const path = writeConfig('missing-key.json', {
      ...ownConfig(),
      keys: [{ key: 'env:SEARCH_TEAM_KEY', tenant: 'search' }],
    });
    const server = await serve(['--config', path], {
      SWITCHYARD_ADMIN_KEY: adminKey,
      SEARCH_TEAM_KEY: 'sk-search-team',
    });
    expect(server.output().stderr).toBe(
      "switchyard: WARNING: Provider 'openai' has no API key: OPENAI_API_KEY is not set.\n",
    );
    expect(server.output().stdout).toContain('1 static key,');
  });

  it('refuses to start under --strict or SWITCHYARD_STRICT=1 while a key is missing', async () => {
    const path = writeConfig('strict.json', ownConfig());
    for (const [args, env, reason] of [
      [['--strict'], {}, '--strict'],
      [[], { SWITCHYARD_STRICT: '1' }, 'SWITCHYARD_STRICT'],
    ] as const) {
      const result = await node(['--port', '0', '--config', path, ...args], {
        SWITCHYARD_ADMIN_KEY: adminKey,
        ...env,
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        [
          "switchyard: WARNING: Provider 'openai' has no API key: OPENAI_API_KEY is not set.",
          `switchyard: not starting (${reason}): fix the warning above`,
          '',
        ].join('\n'),
      );
    }
  });

  it('warns loudly when the public admin key guards a config of your own', async () => {
    const path = writeConfig('public-key.json', ownConfig());
    const server = await serve(['--config', path], {
      SWITCHYARD_ADMIN_KEY: 'sk-switchyard-local',
      OPENAI_API_KEY: 'sk-openai',
    });
    expect(server.output().stderr).toMatch(
      /^switchyard: WARNING: The admin key is sk-switchyard-local, the public one from the README/,
    );
    const demo = await serve([], { SWITCHYARD_ADMIN_KEY: 'sk-switchyard-local' });
    expect(demo.output().stderr).toBe('');
  });

  it('reads variables from --env-file, where the real environment wins', async () => {
    const path = writeConfig('env-file.json', ownConfig());
    const envFile = join(checkout.root, 'router.env');
    writeFileSync(
      envFile,
      'SWITCHYARD_ADMIN_KEY=sk-from-file\nOPENAI_API_KEY=sk-openai-from-file\nPORT=\n',
    );
    const fromFile = await serve(['--config', path, '--env-file', envFile], {});
    expect((await chat(fromFile, 'sk-from-file')).status).toBe(200);
    expect(upstream.requests.at(-1)?.headers.authorization).toBe('Bearer sk-openai-from-file');

    const realWins = await serve(['--config', path, '--env-file', envFile], {
      SWITCHYARD_ADMIN_KEY: adminKey,
    });
    expect((await chat(realWins, 'sk-from-file')).status).toBe(401);
    expect((await chat(realWins, adminKey)).status).toBe(200);
  });

  it('listens on the port in PORT, and on the address given with --host', async () => {
    const port = await freePort();
    const server = await startServing(process.execPath, [nodeEntry, '--host', '::1'], {
      env: cleanEnv({ PORT: String(port) }),
    });
    running.push(server);
    expect(server.url).toBe(`http://[::1]:${port}`);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('answers an address in use with one line and exit code 1', async () => {
    const server = await serve([], {});
    const port = new URL(server.url).port;
    const { code, stderr } = await node(['--port', port]);
    expect(code).toBe(1);
    expect(stderr).toBe(`switchyard: cannot listen on 127.0.0.1:${port}: the address is in use\n`);
  });
});

describe('npm run serve', () => {
  it('reads .dev.vars in the checkout, under the real environment', async () => {
    writeFileSync(
      join(checkout.root, '.dev.vars'),
      'SWITCHYARD_ADMIN_KEY=sk-dev-vars-admin\nOPENAI_API_KEY=sk-openai-dev-vars\nSWITCHYARD_CONFIG=\n',
    );
    const path = writeConfig('dev-vars.json', ownConfig());
    const server = await startServing(
      'npm',
      ['run', 'serve', '--', '--port', '0', '--config', path],
      {
        env: cleanEnv(),
        cwd: checkout.root,
      },
    );
    running.push(server);
    expect((await chat(server, 'sk-dev-vars-admin')).status).toBe(200);
    expect(upstream.requests.at(-1)?.headers.authorization).toBe('Bearer sk-openai-dev-vars');
    expect(server.output().stderr).not.toContain('WARNING');
  });

  it('stops the server when the npm process is sent SIGTERM: nothing is left listening', async () => {
    const server = await startServing('npm', ['run', 'serve', '--', '--port', '0'], {
      env: cleanEnv(),
      cwd: checkout.root,
    });
    running.push(server);
    expect(await accepts(server.url)).toBe(true);
    server.child.kill('SIGTERM');
    await exited(server.child);
    expect(await waitUntilGone(server.pid), 'the router outlived npm').toBe(true);
    expect(await accepts(server.url)).toBe(false);
  });

  it('stops the server when scripts/serve.sh is sent SIGINT', async () => {
    const server = await startServing('bash', ['scripts/serve.sh', '--port', '0'], {
      env: cleanEnv(),
      cwd: checkout.root,
    });
    running.push(server);
    server.child.kill('SIGINT');
    await exited(server.child);
    expect(await waitUntilGone(server.pid), 'the router outlived serve.sh').toBe(true);
    expect(await accepts(server.url)).toBe(false);
  });
});

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '::1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
