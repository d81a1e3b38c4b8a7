import type { StartupReport, StartupWarning } from '../config/startup-report.ts';

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/**
 * The start-up summary a person reads on Node: where the router listens, then which config,
 * store and keys are in use. The first line is what scripts wait for (`listening on <url>`).
 * @example
 * formatSummary(report, 'http://127.0.0.1:8787', 4242);
 * // Switchyard listening on http://127.0.0.1:8787 (pid 4242)
 * //   config  switchyard.json (--config): 2 providers, 1 alias
 * //   store   the in-process store (not shared with other processes)
 * //   keys    admin key set, 1 static key, stored keys on (hashed under SWITCHYARD_KEY_SECRET)
 */
export function formatSummary(report: StartupReport, url: string, pid: number): string {
  return [`Switchyard listening on ${url} (pid ${pid})`, ...summaryLines(report)].join('\n');
}

/**
 * The config, store and keys lines of the summary, each indented by two spaces.
 * @example summaryLines(report); // ['  config  ...', '  store   ...', '  keys    ...']
 */
export function summaryLines(report: StartupReport): string[] {
  const keys = [
    report.adminKey ? 'admin key set' : 'no admin key',
    plural(report.staticKeys, 'static key'),
    `stored keys ${report.storedKeys}`,
  ];
  return [
    `  config  ${report.config}: ${plural(report.providers, 'provider')}, ${plural(report.aliases, 'alias', 'aliases')}`,
    `  store   ${report.store}`,
    `  keys    ${keys.join(', ')}`,
  ];
}

/**
 * One stderr line per warning, loud enough to be noticed among log lines.
 * @example formatWarning({ message: "Provider 'openai' has no API key: ...", fatal: true })
 * // switchyard: WARNING: Provider 'openai' has no API key: ...
 */
export const formatWarning = (warning: StartupWarning): string =>
  `switchyard: WARNING: ${warning.message}`;
