import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The measured stretch, in the profile's clock (monotonic microseconds), and what ran in it. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
  requests: number;
}

type Figures = Record<string, number>;

/** Where a frame's code lives: a router file, a package, or Node itself. */
function placeOf(url: string): string {
  if (url === '') return '(native / V8)';
  const router = /apps\/router\/src\/(.+)$/.exec(url);
  if (router) return `router: ${router[1]}`;
  const modules = url.split('node_modules/');
  if (modules.length > 1) {
    const path = modules.at(-1) ?? '';
    const [scope = '', name = ''] = path.split('/');
    return `package: ${scope.startsWith('@') ? `${scope}/${name}` : scope}`;
  }
  if (url.startsWith('node:internal/deps/undici')) return 'node: undici (fetch)';
  if (url.startsWith('node:')) return `node: ${url.slice(5)}`;
  return url;
}

/**
 * Self time of the router's CPU profile (`--cpu-prof`) within `window`, idle time left out: per
 * place (router file, package, Node internals) and per function, as a share of busy time and
 * in microseconds per request.
 */
export function summarizeProfile(
  directory: string,
  window: ProfileWindow,
): { text: string; figures: object } {
  // The newest profile: a shared directory keeps those of earlier runs.
  const file = readdirSync(directory)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort((left, right) => mtimeOf(directory, right) - mtimeOf(directory, left))[0];
  if (file === undefined) return { text: '(no profile written)', figures: {} };
  const profile = JSON.parse(readFileSync(join(directory, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPlace: Figures = {};
  const byFunction: Figures = {};
  let busyUs = 0;
  let atUs = profile.startTime;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const deltaUs = profile.timeDeltas[index] ?? 0;
    atUs += deltaUs;
    if (atUs < window.fromUs || atUs > window.toUs) return;
    if (node === undefined || node.callFrame.functionName === '(idle)') return;
    busyUs += deltaUs;
    const { functionName, url, lineNumber } = node.callFrame;
    const place = functionName.startsWith('(') ? functionName : placeOf(url);
    byPlace[place] = (byPlace[place] ?? 0) + deltaUs;
    const name = `${functionName || '(anonymous)'} ${placeOf(url)}:${lineNumber + 1}`;
    byFunction[name] = (byFunction[name] ?? 0) + deltaUs;
  });
  const top = (figures: Figures, count: number) =>
    Object.entries(figures)
      .sort(([, left], [, right]) => right - left)
      .slice(0, count)
      .map(([name, us]) => ({
        name,
        usPerRequest: Math.round((us / window.requests) * 10) / 10,
        share: us / busyUs,
      }));
  const places = top(byPlace, 20);
  const functions = top(byFunction, 25);
  const line = (entry: { name: string; usPerRequest: number; share: number }) =>
    `  ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.usPerRequest.toFixed(1).padStart(7)} us/req  ${entry.name}`;
  const busyUsPerRequest = Math.round(busyUs / window.requests);
  const text = [
    `router CPU while measuring: ${busyUsPerRequest} us per request (${window.requests} requests); self time by place:`,
    ...places.map(line),
    'self time by function:',
    ...functions.map(line),
  ].join('\n');
  return { text, figures: { busyUsPerRequest, places, functions } };
}

const mtimeOf = (directory: string, name: string) => statSync(join(directory, name)).mtimeMs;
