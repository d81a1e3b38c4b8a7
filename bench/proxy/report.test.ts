import { describe, expect, it } from 'vitest';
import { figures } from './__fixtures__/target-figures.ts';
import { markdownReport, type ProxyReport } from './report.ts';
import { checkGoals, compare } from './stats.ts';

const targets = [
  figures('direct', 1, 2, { json: 10_000, stream: 8_000 }),
  figures('minimal', 2, 6, { json: 2_000, stream: 2_000 }, 1.8),
  { ...figures('switchyard', 1.8, 7, { json: 2_200, stream: 1_600 }, 2.5), rssMB: 120.4 },
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
  },
  targets,
  comparisons,
  goals: checkGoals(comparisons, {}),
};
const markdown = markdownReport(report);
const rowOf = (label: string) => markdown.split('\n').find((line) => line.startsWith(`| ${label}`));

describe('markdownReport', () => {
  it('heads the report with the date, Node version and the command to reproduce', () => {
    expect(markdown).toContain('# Proxy benchmark 2026-11-21 (quick)');
    expect(markdown).toContain('Node v22.23.3, Test CPU. Reproduce: `pnpm bench --quick`.');
  });

  it('writes one latency row per target with added latency signed', () => {
    expect(rowOf('Switchyard, Node')).toBe(
      '| Switchyard, Node | 1.80 | 7.00 | +0.80 | +5.00 | 1.80 | 7.00 | +0.80 | 2.50 | +1.50 | +0.70 |',
    );
  });

  it('writes throughput with ratios, a dash for a reference not measured, and RSS', () => {
    const rows = markdown.split('\n').filter((line) => line.startsWith('| Switchyard, Node'));
    expect(rows[1]).toBe('| Switchyard, Node | 2200 | 1.10× | – | 1600 | 0.80× | – | 0 | 120.4 |');
  });

  it('lists every goal with its status', () => {
    expect(markdown).toContain('| throughput json >= 2x Portkey | not measured | n/a |');
  });
});
