import { parseArgs } from 'node:util';
import { CliError } from './cli-error.ts';

/** The command line of the Node entry, as given (defaults are applied with the environment). */
export interface CliFlags {
  config?: string;
  port?: string;
  host?: string;
  envFiles: string[];
  strict: boolean;
  help: boolean;
}

const options = {
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'env-file': { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const helpText = `Usage: npm run serve -- [options]
       node apps/router/src/node.ts [options]

Runs the Switchyard router on Node.

Options:
  --config <file>    the configuration (JSON); default: the file in SWITCHYARD_CONFIG_FILE,
                     else the JSON in SWITCHYARD_CONFIG, else the demo configuration
  --port <n>         the port to listen on; default: PORT, else 8787 (0 picks a free one)
  --host <address>   the address to bind; default 127.0.0.1 (0.0.0.0 for every interface)
  --env-file <file>  read variables from a KEY=value file; variables already set win; may be
                     repeated (npm run serve reads .dev.vars this way)
  --strict           refuse to start on a start-up warning: a provider key, API key or alert
                     secret whose variable is unset, or the public admin key with your own
                     configuration (also SWITCHYARD_STRICT=1)
  -h, --help         show this help

Variables:
  SWITCHYARD_ADMIN_KEY      the admin key (root of the management API); none when unset
  SWITCHYARD_KEY_SECRET     what stored API keys are hashed under (default: from the admin key)
  SWITCHYARD_CONFIG_FILE    a configuration file, as --config
  SWITCHYARD_CONFIG         the configuration itself, as JSON
  REDIS_URL                 shared state in Redis (redis://[:password@]host:6379[/db])
  UPSTASH_REDIS_REST_URL    shared state in Upstash, with UPSTASH_REDIS_REST_TOKEN
  PORT, SWITCHYARD_STRICT   as --port and --strict
  and the provider keys your configuration references (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...)
`;

/**
 * Parses the Node entry's flags; a misspelt or incomplete one is a {@link CliError} that says
 * what was meant.
 * @example parseCliFlags(['--config', 'switchyard.json', '--port', '9000']);
 */
export function parseCliFlags(argv: string[]): CliFlags {
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    return {
      config: values.config,
      port: values.port,
      host: values.host,
      envFiles: values['env-file'] ?? [],
      strict: values.strict ?? false,
      help: values.help ?? false,
    };
  } catch (error) {
    throw new CliError(describeParseError(error));
  }
}

function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const suggestion = closestOption(quoted);
    return `unknown option '${quoted}'${suggestion ? ` (did you mean --${suggestion}?)` : ''}; see --help`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `unexpected argument '${quoted}'; options start with -- (through npm, put -- before them: npm run serve -- --port 9000)`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /--[\w-]+/.exec(message)?.[0] ?? 'an option';
    return options[option.slice(2) as keyof typeof options]?.type === 'boolean'
      ? `${option} takes no value; see --help`
      : `${option} needs a value; see --help`;
  }
  return message;
}

/** The known option nearest to a misspelt one, if it is only a typo or two away. */
function closestOption(given: string): string | undefined {
  const name = given.replace(/^-+/, '').split('=')[0] ?? '';
  let best: { option: string; distance: number } | undefined;
  for (const option of Object.keys(options)) {
    const distance = editDistance(name, option);
    if (distance <= 2 && (best === undefined || distance < best.distance)) {
      best = { option, distance };
    }
  }
  return best?.option;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
