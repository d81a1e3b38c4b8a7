/**
 * Writes `src/dashboard/generated/dashboard-assets.ts`: the bundled client and styles as string
 * constants, so the router serves them on Workers (no file system there) and on Node alike.
 * Run it after changing anything under `src/dashboard/client/`:
 *   node apps/router/src/dashboard/build/build-dashboard.ts
 * (`dashboard-assets.test.ts` fails while the committed module is stale.)
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleDashboard } from './bundle-dashboard.ts';
import { renderAssetsModule } from './render-assets-module.ts';

const target = fileURLToPath(new URL('../generated/dashboard-assets.ts', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

const assets = await bundleDashboard();
writeFileSync(target, renderAssetsModule(assets));
// Biome may prefer other quotes for a long string: format it the way `biome check` wants.
spawnSync('npx', ['biome', 'format', '--write', target], { cwd: repositoryRoot, stdio: 'inherit' });
const kib = (text: string) => (new TextEncoder().encode(text).byteLength / 1024).toFixed(1);
console.log(
  `wrote ${target}: ${assets.script.name} ${kib(assets.script.text)} KiB, ${assets.style.name} ${kib(assets.style.text)} KiB`,
);
