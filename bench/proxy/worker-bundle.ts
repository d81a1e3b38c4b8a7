import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { profilesDirectory } from './targets.ts';

/** The Worker's size as `wrangler deploy` uploads it, and what its startup costs. */
export interface WorkerFigures {
  uploadKiB: number;
  gzipKiB: number;
  startup: {
    method: 'wrangler check startup' | 'node import';
    runs: number;
    /** Median CPU of script parse and top-level work, in ms: the profile's non-idle time. */
    ms: number;
    /** Median whole profile (start to end, idle included), in ms; wrangler only. */
    profileMs?: number;
  };
}

export interface StartupProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const root = join(import.meta.dirname, '..', '..');
const wranglerTimeoutMs = 180_000;

/** The middle value, or the mean of the two middle ones; NaN for none. */
export function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The sizes wrangler prints: `Total Upload: 3058.36 KiB / gzip: 747.31 KiB`. */
export function parseUploadSize(
  output: string,
): { uploadKiB: number; gzipKiB: number } | undefined {
  const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
  return match ? { uploadKiB: Number(match[1]), gzipKiB: Number(match[2]) } : undefined;
}

/** A startup profile's whole span and its busy (non-idle) time, in ms. */
export function startupOfProfile(profile: StartupProfile): { profileMs: number; activeMs: number } {
  const idle = new Set(
    profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id),
  );
  // Each sample is charged the time since the one before it, as wrangler's own summary does.
  const activeUs = profile.samples.reduce(
    (sum, id, index) => (idle.has(id) ? sum : sum + (profile.timeDeltas[index] ?? 0)),
    0,
  );
  const round = (us: number) => Math.round(us / 100) / 10;
  return { profileMs: round(profile.endTime - profile.startTime), activeMs: round(activeUs) };
}

function wrangler(args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: root,
    encoding: 'utf8',
    timeout: wranglerTimeoutMs,
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      WRANGLER_SEND_METRICS: 'false',
      CI: 'true',
    },
  });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: wrangler colours its output
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '');
  return { ok: result.status === 0, output };
}

/**
 * Builds the Worker with `wrangler deploy --dry-run` from the repo root, takes its gzip size,
 * and measures its startup `runs` times: with `wrangler check startup` (a CPU profile of the
 * Worker starting in workerd), or, when that fails, by timing `import()` of the bundle in
 * fresh `node` processes.
 */
export function measureWorker(runs: number): WorkerFigures {
  const directory = mkdtempSync(join(tmpdir(), 'bench-worker-'));
  try {
    const bundle = join(directory, 'worker.bundle');
    const outdir = join(directory, 'out');
    const build = wrangler(['deploy', '--dry-run', '--outdir', outdir, '--outfile', bundle]);
    if (!build.ok) throw new Error(`wrangler deploy --dry-run failed:\n${build.output}`);
    const script = join(outdir, 'worker.js');
    const size = parseUploadSize(build.output) ?? {
      uploadKiB: Math.round(readFileSync(script).length / 10.24) / 100,
      gzipKiB: Math.round(gzipSync(readFileSync(script)).length / 10.24) / 100,
    };
    return { ...size, startup: wranglerStartup(bundle, runs) ?? nodeImportStartup(script) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Medians of `runs` startup profiles; undefined when wrangler cannot profile here. */
function wranglerStartup(bundle: string, runs: number): WorkerFigures['startup'] | undefined {
  const figures: { profileMs: number; activeMs: number }[] = [];
  for (let run = 0; run < runs; run += 1) {
    const outfile = join(dirname(bundle), `startup-${run}.cpuprofile`);
    const profiled = wrangler(['check', 'startup', '--worker', bundle, '--outfile', outfile]);
    if (!profiled.ok || !existsSync(outfile)) {
      console.log(`[bench] wrangler check startup failed; timing import() in node instead`);
      return undefined;
    }
    figures.push(startupOfProfile(JSON.parse(readFileSync(outfile, 'utf8')) as StartupProfile));
    // Keep the last profile to open in DevTools.
    mkdirSync(profilesDirectory, { recursive: true });
    copyFileSync(outfile, join(profilesDirectory, 'worker-startup.cpuprofile'));
  }
  return {
    method: 'wrangler check startup',
    runs,
    ms: median(figures.map((figure) => figure.activeMs)),
    profileMs: median(figures.map((figure) => figure.profileMs)),
  };
}

/** Median `import()` of the bundle in a fresh node (10 runs), minus that of an empty module. */
function nodeImportStartup(script: string, runs = 10): WorkerFigures['startup'] {
  const module = join(dirname(script), 'worker.mjs');
  const empty = join(dirname(script), 'empty.mjs');
  copyFileSync(script, module);
  writeFileSync(empty, 'export {};\n');
  const timeImport = (file: string) => {
    const code = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (result.status !== 0) throw new Error(`importing ${file} failed:\n${result.stderr}`);
    return Number(result.stdout.trim());
  };
  const bundleMs: number[] = [];
  const emptyMs: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    bundleMs.push(timeImport(module));
    emptyMs.push(timeImport(empty));
  }
  const ms = Math.round((median(bundleMs) - median(emptyMs)) * 10) / 10;
  return { method: 'node import', runs, ms };
}
