import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runToExit, scratchCheckout } from './cli-processes.ts';

// The system's own PATH, without the toolchain's Node 22 that runs this test: on these machines
// that leaves Node 20 and npm, where wrangler itself refuses to start.
const systemPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

let checkout: ReturnType<typeof scratchCheckout>;
let outdir: string;

beforeAll(() => {
  checkout = scratchCheckout();
  outdir = mkdtempSync(join(tmpdir(), 'switchyard-dist-'));
});
afterAll(() => {
  checkout?.remove();
  rmSync(outdir, { recursive: true, force: true });
});

const npm = (args: string[]) =>
  runToExit('npm', ['run', ...args], { env: cleanEnv({ PATH: systemPath }), cwd: checkout.root });

describe('documented wrangler commands run through the toolchain', () => {
  it('npm run wrangler -- --version runs wrangler on the toolchain Node', async () => {
    const { code, stdout, stderr } = await npm(['wrangler', '--', '--version']);
    expect(stderr).not.toContain('Wrangler requires at least Node.js');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+$/m);
  });

  it('npm run deploy -- --dry-run builds the Worker bundle', async () => {
    const { code, stdout } = await npm(['deploy', '--', '--dry-run', '--outdir', outdir]);
    expect(code).toBe(0);
    expect(stdout).toContain('--dry-run: exiting now.');
  });
});
