import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { DashboardAsset, DashboardAssets } from '../dashboard-asset.ts';
import { loadEsbuild } from './load-esbuild.ts';

const clientDirectory = fileURLToPath(new URL('../client/', import.meta.url));

// uPlot's own header comment is not a legal comment esbuild keeps, so its notice goes here.
const uplotNotice =
  '/*! uPlot 1.6.32 (c) 2025 Leon Sorokin, MIT License, https://github.com/leeoniya/uPlot */';

/**
 * Bundles the dashboard's client (TypeScript and uPlot, minified ES module) and its styles
 * (uPlot's and ours) with esbuild. Deterministic: the same sources give the same text.
 * @example const { script, style } = await bundleDashboard();
 */
export async function bundleDashboard(): Promise<DashboardAssets> {
  const esbuild = loadEsbuild();
  const result = await esbuild.build({
    entryPoints: [`${clientDirectory}main.ts`, `${clientDirectory}styles.css`],
    bundle: true,
    write: false,
    outdir: '/dashboard-assets',
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome100', 'safari16', 'firefox100'],
    platform: 'browser',
    banner: { js: uplotNotice },
    logLevel: 'error',
  });
  const text = (suffix: string) => {
    const file = result.outputFiles.find((output) => output.path.endsWith(suffix));
    if (file === undefined) throw new Error(`esbuild wrote no ${suffix} file`);
    return file.text;
  };
  return {
    script: asset('dashboard', '.js', 'text/javascript; charset=utf-8', text('.js')),
    style: asset('dashboard', '.css', 'text/css; charset=utf-8', text('.css')),
  };
}

function asset(base: string, extension: string, contentType: string, text: string): DashboardAsset {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return { name: `${base}.${hash}${extension}`, contentType, text };
}
