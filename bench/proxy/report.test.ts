import { describe, expect, it } from 'vitest';
import { figures } from './__fixtures__/target-figures.ts';
import { cpuFigures } from './cpu-figures.ts';
import { markdownReport, type ProxyReport } from './report.ts';
import { checkGoals, compare } from './stats.ts';

const targets = [
  figures('direct', 1, 2, { json: 10_000, stream: 8_000 }),
  { ...figures('minimal', 2, 6, { json: 2_000, stream: 2_000 }, 1.8), rssMB: 60 },
  {
    ...figures('switchyard', 1.8, 7, { json: 2_200, stream: 1_600 }, 2.5),
    rssMB: 120.4,
    cpu: cpuFigures({
      json: { cpuMs: 1_000, requests: 10_000, seconds: 2 },
      stream: { cpuMs: 1_800, requests: 6_000, seconds: 2 },
    }),
  },
];
const comparisons = compare(targets);
const report: ProxyReport = {
  facts: { date: '2026-11-21T12:00:00.000Z', node: 'v22.23.3', cpu: 'Test CPU' },
  settings: {
    quick: true,
    latencyRequests: 200,
    latencyWarmup: 50,
    throughputSeconds: 2,
    connections: 32,
    upstreamDelayMs: 0,
    profile: false,
    kinds: ['json', 'stream'],
  },
  targets,
  comparisons,
  goals: checkGoals(comparisons, { bundleGzipKiB: 747.31 }),
  worker: {
    uploadKiB: 3058.36,
    gzipKiB: 747.31,
    startup: { method: 'wrangler check startup', runs: 3, ms: 82.2, profileMs: 158.8 },
  },
};
const markdown = markdownReport(report);
const rowsOf = (label: string) =>
  markdown.split('\n').filter((line) => line.startsWith(`| ${label} |`));

describe('markdownReport', () => {
  it('heads the report with the date, Node version and the command to reproduce', () => {
    expect(markdown).toContain('# Proxy benchmark 2026-11-21 (quick)');
    expect(markdown).toContain('Node v22.23.3, Test CPU. Reproduce: `pnpm bench --quick`.');
  });

  it('writes one latency row per target with added latency signed', () => {
    expect(rowsOf('Switchyard, Node')[0]).toBe(
      '| Switchyard, Node | 1.80 | 7.00 | +0.80 | +5.00 | 1.80 | 7.00 | +0.80 | +5.00 | 2.50 | +1.50 | +0.70 |',
    );
  });

  it('writes throughput with ratios, a dash for a reference not measured, and RSS', () => {
    expect(rowsOf('Switchyard, Node')[1]).toBe(
      '| Switchyard, Node | 2200 | 1.10× | – | 1600 | 0.80× | – | 0 | 120.4 | 2.01× |',
    );
  });

  it('writes CPU per request and per chunk both ways for the targets measured', () => {
    expect(rowsOf('Switchyard, Node')[2]).toBe(
      '| Switchyard, Node | 100.0 | 300.0 | 15.0 | 10.0 | 50 | 90 |',
    );
    expect(rowsOf('minimal proxy (Hono + fetch)')).toHaveLength(2);
  });

  it('gives the bundle size and the startup with how it was measured', () => {
    expect(markdown).toContain(
      '`wrangler deploy --dry-run`: 3058.36 KiB, gzip 747.31 KiB. Startup (script parse and top-level work): 82.2 ms',
    );
    expect(markdown).toContain("non-idle time of `wrangler check startup`'s CPU profile");
  });

  it('lists every goal with its status', () => {
    expect(markdown).toContain('| throughput stream >= 2x Portkey | not measured | n/a |');
    expect(markdown).toContain("| RSS under load <= 1.5x minimal proxy's | 2.01x | MISS |");
    expect(markdown).toContain('| Worker bundle <= 768 KiB gzip | 747.31 KiB | PASS |');
  });
});
