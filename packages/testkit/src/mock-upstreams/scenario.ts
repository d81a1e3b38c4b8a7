/**
 * Per-request fault injection, chosen by the `x-mock-scenario` header or a `model~scenario` suffix:
 * comma-separated `key=value` pairs, values URL-encoded, e.g. `gpt-4o~status=503,retryAfter=2`.
 */
export interface Scenario {
  /** The raw scenario text; `failFirst` counts requests per distinct text. */
  key: string;
  /** `status=503`: answer with this status and the provider's error body. */
  status?: number;
  /** `retryAfter=2`: add a `Retry-After` header (seconds). */
  retryAfterSeconds?: number;
  /** `latency=ms`: wait before sending headers. */
  latencyMs?: number;
  /** `ttft=ms`: wait before the first stream event (or the whole JSON body). */
  timeToFirstTokenMs?: number;
  /** `chunkDelay=ms`: wait between stream events. */
  chunkDelayMs?: number;
  /** `hang=1`: never answer; return when the client disconnects. */
  hang: boolean;
  /** `cutAfter=n`: destroy the socket after n content events. */
  cutAfterChunks?: number;
  /** `malformed=1`: invalid JSON body, or one garbage event in a stream. */
  malformed: boolean;
  /** `truncate=1`: end the stream cleanly but without its finishing events. */
  truncate: boolean;
  /** `reasoning=1`: add reasoning content and reasoning tokens. */
  reasoning: boolean;
  /** `reply=text`: answer with this text instead of the echo (`replyB64=` base64url: no `%`). */
  reply?: string;
  /** `failFirst=n`: fail (with `status`, default 503) only the first n such requests. */
  failFirst?: number;
}

export const mockScenarioHeader = 'x-mock-scenario';

const numberKeys = {
  status: 'status',
  retryAfter: 'retryAfterSeconds',
  latency: 'latencyMs',
  ttft: 'timeToFirstTokenMs',
  chunkDelay: 'chunkDelayMs',
  cutAfter: 'cutAfterChunks',
  failFirst: 'failFirst',
} as const;

const flagKeys = ['hang', 'malformed', 'truncate', 'reasoning'] as const;

/** Thrown for scenario text the mock does not understand, so a typo fails loudly. */
export class ScenarioSyntaxError extends Error {
  override name = 'ScenarioSyntaxError';
}

/** Splits `gpt-4o~status=503,latency=10` into the model and its scenario text. */
export function splitModelScenario(model: string): { model: string; scenario: string } {
  const separator = model.indexOf('~');
  if (separator === -1) return { model, scenario: '' };
  return { model: model.slice(0, separator), scenario: model.slice(separator + 1) };
}

/** Parses comma-separated `key=value` pairs; later sources override earlier ones. */
export function parseScenario(...sources: string[]): Scenario {
  const key = sources.filter((source) => source.length > 0).join(',');
  const scenario: Scenario = {
    key,
    hang: false,
    malformed: false,
    truncate: false,
    reasoning: false,
  };
  for (const pair of key.split(',')) {
    if (pair.trim() === '') continue;
    const [name = '', rawValue = ''] = pair.split('=', 2).map((part) => part.trim());
    const value = decodeValue(name, rawValue);
    if (name === 'reply') {
      scenario.reply = value;
    } else if (name === 'replyB64') {
      // Model ids may not carry `%`, so texts travel base64url-encoded in them.
      scenario.reply = Buffer.from(value, 'base64url').toString('utf8');
    } else if (name in numberKeys) {
      const number = Number(value);
      if (value === '' || !Number.isFinite(number) || number < 0) {
        throw new ScenarioSyntaxError(`Mock scenario "${name}" needs a non-negative number`);
      }
      scenario[numberKeys[name as keyof typeof numberKeys]] = number;
    } else if ((flagKeys as readonly string[]).includes(name)) {
      scenario[name as (typeof flagKeys)[number]] = value !== '0' && value !== 'false';
    } else {
      throw new ScenarioSyntaxError(`Unknown mock scenario key "${name}"`);
    }
  }
  return scenario;
}

function decodeValue(name: string, rawValue: string): string {
  try {
    return decodeURIComponent(rawValue);
  } catch {
    throw new ScenarioSyntaxError(`Mock scenario "${name}" is not valid URL-encoded text`);
  }
}
