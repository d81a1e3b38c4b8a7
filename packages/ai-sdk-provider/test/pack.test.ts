import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packInstalled } from './pack-installed.ts';
import { protocolServerKey, startProtocolServer } from './protocol-server.ts';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

const appScript = `
import { createGateway, SwitchyardAuthenticationError } from '@switchyard/ai-sdk-provider';
import { generateText, streamText } from 'ai';

const gateway = createGateway();
const generated = await generateText({ model: gateway('mock/echo'), prompt: 'hello from a packed install' });
const streamed = streamText({ model: gateway('mock/echo'), prompt: 'streamed from a packed install' });
const wrongKey = await generateText({
  model: createGateway({ apiKey: 'wrong' })('mock/echo'),
  prompt: 'x',
  maxRetries: 0,
}).catch((error) => error);
console.log(JSON.stringify({
  text: generated.text,
  streamedText: await streamed.text,
  metadata: generated.providerMetadata?.switchyard,
  wrongKeyIsTyped: SwitchyardAuthenticationError.isInstance(wrongKey),
}));
`;

describe('the packed package', () => {
  let workDir: string;
  let server: Server;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'switchyard-pack-'));
    server = await startProtocolServer();
  });
  afterAll(async () => {
    server?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('installs outside the workspace and answers generateText and streamText', async () => {
    // `pnpm pack` runs `prepack`, which builds dist/ first.
    await run('pnpm', ['pack', '--pack-destination', workDir], { cwd: packageDir });
    const tarball = (await readdir(workDir)).find((name) => name.endsWith('.tgz'));
    if (tarball === undefined) throw new Error('pnpm pack wrote no tarball');
    const tarballPath = join(workDir, tarball);
    const { size } = await stat(tarballPath);
    console.log(`packed ${tarball}: ${size} bytes`);

    const { stdout: listing } = await run('tar', ['-tzf', tarballPath]);
    const files = listing.trim().split('\n').sort();
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/LICENSE');
    expect(
      files.filter((file) => !/^package\/(dist\/|package\.json$|README\.md$|LICENSE$)/.test(file)),
    ).toEqual([]);

    // ai, zod and the package's dependencies as the workspace installed them: no registry.
    const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
    const dependenciesDir = join(workDir, 'dependencies');
    await mkdir(dependenciesDir);
    const dependencyTarballs = await packInstalled(
      ['ai', 'zod', ...Object.keys(manifest.dependencies)],
      packageDir,
      dependenciesDir,
    );

    const appDir = join(workDir, 'app');
    await mkdir(appDir);
    await writeFile(
      join(appDir, 'package.json'),
      JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }),
    );
    await writeFile(join(appDir, 'app.mjs'), appScript);
    // --offline fails at once on anything not in hand, and an empty cache keeps a warm
    // ~/.npm from hiding a registry fetch; the timeout only guards against a stuck npm.
    await run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--cache',
        join(workDir, 'npm-cache'),
        tarballPath,
        ...dependencyTarballs,
      ],
      { cwd: appDir, timeout: 60_000 },
    );
    const installedVersion = async (name: string) =>
      JSON.parse(await readFile(join(appDir, 'node_modules', name, 'package.json'), 'utf8'))
        .version;
    expect(await installedVersion('ai')).toBe(manifest.devDependencies.ai);
    expect(await installedVersion('zod')).toBe(manifest.devDependencies.zod);

    const { port } = server.address() as AddressInfo;
    const { stdout } = await run('node', ['app.mjs'], {
      cwd: appDir,
      env: {
        ...process.env,
        SWITCHYARD_BASE_URL: `http://127.0.0.1:${port}/v1/ai`,
        SWITCHYARD_API_KEY: protocolServerKey,
      },
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');

    expect(result).toEqual({
      text: 'Echo: hello from a packed install',
      streamedText: 'Echo: streamed from a packed install',
      metadata: { provider: 'mock', attempts: 1 },
      wrongKeyIsTyped: true,
    });
  }, 120_000);
});
