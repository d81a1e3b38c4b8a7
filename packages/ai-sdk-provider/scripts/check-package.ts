import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { type Manifest, packageProblems } from './package-problems.ts';

// `prepublishOnly` runs this after the build: it reads what `npm pack` would ship and refuses a
// release that is not ready. Scripts are skipped so packing does not build a second time.
const run = promisify(execFile);
const packageDir = new URL('..', import.meta.url);
const read = (path: string) => readFile(new URL(path, packageDir), 'utf8');

const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
  cwd: packageDir,
  timeout: 60_000,
});
const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }];
const problems = packageProblems({
  manifest: JSON.parse(await read('package.json')) as Manifest,
  packedFiles: packed.files.map(({ path }) => path),
  code: await read('dist/index.js'),
  types: await read('dist/index.d.ts'),
});
for (const problem of problems) console.error(`✗ ${problem}`);
if (problems.length > 0) process.exit(1);
console.log(`✓ ${packed.files.length} files, ready to publish`);
