import fc from 'fast-check';
import { type Json, type Seed, seeds } from './fuzz-seeds.ts';
import type { Envelope } from './hostile-input-answers.ts';
import { hostileModelIds } from './hostile-input-cases.ts';

/** One generated request, sent as raw bytes so nothing tidies it up on the way. */
export interface FuzzRequest {
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

// Values JSON.stringify cannot write, put in as markers and swapped for raw text afterwards.
const rawValues: Record<string, string> = {
  '"@@huge@@"': '1e999',
  '"@@tiny@@"': '-1e999',
  '"@@long-int@@"': '123456789012345678901234567890',
  '"@@deep@@"': `${'['.repeat(200)}${']'.repeat(200)}`,
  '"@@very-deep@@"': `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  '"@@nan@@"': 'NaN',
  '"@@lone-surrogate@@"': '"\\ud800"',
};

const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Json>(
      null,
      true,
      -1,
      0,
      2.5,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      '',
      'x'.repeat(5_000),
      [],
      {},
      'file:///etc/passwd',
      'data:image/png,raw',
      'http://169.254.169.254/latest/meta-data/',
      '../../../etc/passwd',
      '\u0000\u0001\u007f',
      '😀',
      ...Object.keys(rawValues).map((marker) => marker.slice(1, -1)),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<Json>(...hostileModelIds) },
  // Deep enough to overflow any recursive reader below the body parser.
  { weight: 1, arbitrary: fc.constant<Json>('@@very-deep@@') },
);

const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'stream',
    'temperature',
    'top_logprobs',
    'topK',
    'n',
    'tools',
    'providerOptions',
    'metadata',
    'models',
    'provider',
    'headers',
    'includeRawChunks',
  ),
  fc.string({ maxLength: 12 }),
);

/** Header text a client could send: printable bytes and a few control characters, never CR/LF. */
const headerText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('a', '/', '.', '%', '\u0001', '\u007f', 'é', ' ', '\t', '"'),
    maxLength: 20,
  }),
  fc.constantFrom(
    ...hostileModelIds.filter((id) => id.length < 200),
    '{"__proto__":"x"}',
    'true',
    '-1',
  ),
);

const headerNames = [
  'ai-language-model-id',
  'ai-model-id',
  'ai-language-model-streaming',
  'ai-gateway-protocol-version',
  'ai-language-model-specification-version',
  'x-switchyard-metadata',
  'x-switchyard-tags',
  'x-switchyard-cache-ttl',
  'cache-control',
  'content-type',
  'authorization',
  'x-api-key',
  'anthropic-version',
  'anthropic-beta',
  'idempotency-key',
  'x-request-id',
  'x-switchyard-request-id',
  'origin',
];

type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: Json }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'header'; name: string; value: string }
  | { kind: 'method'; method: string }
  | { kind: 'path'; suffix: string }
  | { kind: 'query'; name: string; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('replace'), at: fc.nat(), value: hostileValue }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete'), at: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('add'),
      at: fc.nat(),
      key: hostileKey,
      value: hostileValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate'), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert'),
      at: fc.nat(),
      text: fc.string({ maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('header'),
      name: fc.constantFrom(...headerNames),
      value: headerText,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('method'),
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('path'),
      suffix: fc.constantFrom('/', '/..', '%00', '/x', '?a=1', '//', '/%2e%2e'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('query'),
      name: fc.oneof(
        hostileKey,
        fc.constantFrom(
          'limit',
          'offset',
          'cursor',
          'id',
          'from',
          'to',
          'step',
          'after_id',
          'beta',
        ),
      ),
      value: fc.oneof(
        fc.constantFrom('', '-1', '0', '1e999', 'NaN', '__proto__', '%00', '%zz', 'x'.repeat(300)),
        fc.string({ maxLength: 20 }),
      ),
    }),
  },
) as fc.Arbitrary<Mutation>;

/** Seeded, so a failing run can be replayed: each request is one valid seed and 1 to 4 mutations. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([seed, mutations]) => mutate(seed, mutations));

function mutate(seed: Seed, mutations: Mutation[]): FuzzRequest {
  let body = seed.body === undefined ? undefined : structuredClone(seed.body);
  const request = {
    route: seed.route,
    method: seed.method,
    path: seed.path,
    headers: { ...seed.headers },
  };
  let text: string | undefined;
  for (const change of mutations) {
    if (change.kind === 'header') request.headers[change.name] = change.value;
    else if (change.kind === 'method') request.method = change.method;
    else if (change.kind === 'path') request.path += change.suffix;
    else if (change.kind === 'query') request.path += queryPart(request.path, change);
    else if (change.kind === 'truncate' || change.kind === 'insert') {
      text ??= body === undefined ? '' : toText(body);
      const at = change.at % (text.length + 1);
      text =
        change.kind === 'truncate'
          ? text.slice(0, at)
          : text.slice(0, at) + change.text + text.slice(at);
    } else if (body !== undefined && text === undefined) {
      body = mutateJson(body, change);
    }
  }
  const sent = text ?? (body === undefined ? undefined : toText(body));
  return { ...request, body: sent };
}

function toText(body: Json): string {
  let text = JSON.stringify(body);
  for (const [marker, raw] of Object.entries(rawValues)) text = text.replaceAll(marker, raw);
  return text;
}

/** Every container in the body, outermost first, to pick a place to mutate. */
function containers(value: Json, found: (Json[] | { [key: string]: Json })[] = []) {
  if (typeof value !== 'object' || value === null) return found;
  found.push(value);
  for (const child of Object.values(value)) containers(child, found);
  return found;
}

function mutateJson(body: Json, change: Extract<Mutation, { at: number }>): Json {
  const places = containers(body);
  if (places.length === 0) return change.kind === 'replace' ? change.value : body;
  const place = places[change.at % places.length] as Json[] | { [key: string]: Json };
  const keys = Object.keys(place);
  const key = keys[change.at % Math.max(keys.length, 1)];
  if (change.kind === 'add') {
    if (Array.isArray(place)) place.push(change.value);
    else
      Object.defineProperty(place, change.key, {
        value: change.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  } else if (key !== undefined) {
    if (change.kind === 'replace') Reflect.set(place, key, change.value);
    else if (Array.isArray(place)) place.splice(Number(key), 1);
    else Reflect.deleteProperty(place, key);
  }
  return body;
}

/** `?name=value` (or `&name=value`), percent-encoded the way a client library writes it. */
function queryPart(path: string, change: { name: string; value: string }): string {
  const separator = path.includes('?') ? '&' : '?';
  return `${separator}${encodeURIComponent(change.name)}=${encodeURIComponent(change.value)}`;
}

/**
 * The envelope the router answers `request` in: Anthropic's under `/v1/messages` and for an
 * Anthropic client's model list, the gateway protocol's under `/v4/ai`, `/v1/ai` and at
 * `/v1/credits` and `/v1/generation`, else OpenAI's. The path is read as the server reads it
 * (`/x/..` resolved).
 */
export function envelopeOf(request: FuzzRequest): Envelope {
  const { pathname } = new URL(request.path, 'http://router.test');
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  const header = (name: string) => request.headers[name] !== undefined;
  if (under('/v1/messages')) return 'anthropic';
  if (pathname === '/v1/models' && (header('anthropic-version') || header('x-api-key'))) {
    return 'anthropic';
  }
  if (under('/v4/ai') || under('/v1/ai')) return 'gateway';
  if (pathname === '/v1/credits' || pathname === '/v1/generation') return 'gateway';
  return 'openai';
}

/**
 * Whether the request gets past Node's HTTP parser: header bytes (written as latin1) without
 * control characters. The parser refuses the others itself, before any route or request id.
 */
export function reachesRouter(request: FuzzRequest): boolean {
  return Object.values(request.headers).every((value) => {
    for (let index = 0; index < value.length; index++) {
      const byte = value.charCodeAt(index) & 0xff;
      if (byte !== 0x09 && (byte < 0x20 || byte === 0x7f)) return false;
    }
    return true;
  });
}
