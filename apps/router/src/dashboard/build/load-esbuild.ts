import { createRequire } from 'node:module';

/** The part of esbuild's API the dashboard build uses. */
export interface Esbuild {
  version: string;
  build(options: {
    entryPoints: string[];
    bundle: true;
    write: false;
    outdir: string;
    minify: boolean;
    format?: 'esm';
    target?: string[];
    platform?: 'browser';
    banner?: Record<string, string>;
    legalComments?: 'none' | 'eof' | 'inline';
    logLevel?: 'silent' | 'error';
  }): Promise<{ outputFiles: { path: string; text: string }[] }>;
}

/**
 * esbuild as wrangler ships it: the workspace already has it for Worker bundles, so the
 * dashboard build adds no dependency (and gets the version the lockfile pins).
 * @example const esbuild = loadEsbuild(); await esbuild.build({ ... });
 */
export function loadEsbuild(): Esbuild {
  const fromRouter = createRequire(import.meta.url);
  const fromWrangler = createRequire(fromRouter.resolve('wrangler'));
  return fromWrangler('esbuild') as Esbuild;
}
