import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packInstalled } from '../../../../packages/ai-sdk-provider/test/pack-installed.ts';
import { adminKey, useRouter } from './fixtures.ts';

const run = promisify(execFile);
const providerDir = fileURLToPath(
  new URL('../../../../packages/ai-sdk-provider/', import.meta.url),
);

/** An app as the README writes it, run from a project outside the workspace. */
const appScript = `
import {
  createGateway,
  SwitchyardAuthenticationError,
  SwitchyardNotFoundError,
} from '@switchyard/ai-sdk-provider';
import { generateText, streamText } from 'ai';

const { SWITCHYARD_BASE_URL: baseURL, SWITCHYARD_API_KEY: apiKey } = process.env;
const gateway = createGateway({ baseURL, apiKey });
const generated = await generateText({ model: gateway('chat'), prompt: 'hello from a tarball' });
const streamed = streamText({ model: gateway('mock/echo'), prompt: 'streamed from a tarball' });
const failure = (model) =>
  generateText({ model, prompt: 'x', maxRetries: 0 }).then(() => undefined, (error) => error);
const wrongKey = await failure(createGateway({ baseURL, apiKey: 'sk-wrong' })('mock/echo'));
const wrongBaseURL = await failure(
  createGateway({ baseURL: baseURL.replace(/\\/ai$/, ''), apiKey })('mock/echo'),
);
console.log(JSON.stringify({
  text: generated.text,
  streamedText: await streamed.text,
  metadata: generated.providerMetadata?.switchyard,
  wrongKey: SwitchyardAuthenticationError.isInstance(wrongKey) && wrongKey.message,
  wrongBaseURL: SwitchyardNotFoundError.isInstance(wrongBaseURL),
}));
`;

describe('the provider package installed from its packed tarball', () => {
  const running = useRouter('node', () => ({
    providers: { mock: { type: 'mock', models: { echo: {}, down: { errorStatus: 503 } } } },
    models: { chat: { targets: ['mock/down', 'mock/echo'] } },
  }));
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'switchyard-tarball-'));
  });
  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('answers generateText and streamText against the router, with typed errors', async () => {
    // The README's steps: pack, then `npm install <tarball> ai zod`. Packed without scripts, so
    // prepack does not rebuild dist/ under other test files that import it (the test task builds
    // the package first).
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', workDir], {
      cwd: providerDir,
      timeout: 120_000,
    });
    const tarball = (await readdir(workDir)).find((name) =>
      /^switchyard-ai-sdk-provider-.*\.tgz$/.test(name),
    );
    if (tarball === undefined) throw new Error('pnpm pack wrote no tarball');

    // No registry: ai, zod and the package's dependencies come from the workspace's copies.
    const manifest = JSON.parse(await readFile(join(providerDir, 'package.json'), 'utf8'));
    const dependencies = join(workDir, 'dependencies');
    await mkdir(dependencies);
    const dependencyTarballs = await packInstalled(
      ['ai', 'zod', ...Object.keys(manifest.dependencies)],
      providerDir,
      dependencies,
    );
    const appDir = join(workDir, 'app');
    await mkdir(appDir);
    await writeFile(
      join(appDir, 'package.json'),
      JSON.stringify({ name: 'app', private: true, type: 'module' }),
    );
    await writeFile(join(appDir, 'app.mjs'), appScript);
    const offline = ['--offline', '--no-audit', '--no-fund', '--cache', join(workDir, 'npm-cache')];
    await run('npm', ['install', ...offline, join(workDir, tarball), ...dependencyTarballs], {
      cwd: appDir,
      timeout: 120_000,
    });

    const { stdout } = await run('node', ['app.mjs'], {
      cwd: appDir,
      timeout: 60_000,
      env: {
        ...process.env,
        SWITCHYARD_BASE_URL: `${running.router.url}/v1/ai`,
        SWITCHYARD_API_KEY: adminKey,
      },
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result).toMatchObject({
      text: 'Echo: hello from a tarball',
      streamedText: 'Echo: streamed from a tarball',
      metadata: {
        provider: 'mock',
        model: 'echo',
        attempts: expect.any(Number),
        requestId: expect.stringMatching(/^req_/),
      },
      wrongKey: expect.stringMatching(/gateway key/),
      wrongBaseURL: true,
    });
  }, 240_000);
});
