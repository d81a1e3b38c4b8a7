/**
 * For `npm run dev`: validates the configuration (`--config`, `SWITCHYARD_CONFIG_FILE`,
 * `SWITCHYARD_CONFIG` or the demo), prints the start-up summary and warnings, and writes the
 * variables the worker gets under `wrangler dev` (the config file's JSON as SWITCHYARD_CONFIG,
 * since a Worker cannot read files) to the file `wrangler dev --env-file` is given.
 * @example node apps/router/src/node/write-dev-vars.ts --dev-vars .dev.vars --out .wrangler/switchyard/dev.env --config switchyard.json
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load-config.ts';
import { startupReport } from '../config/startup-report.ts';
import { CliError } from './cli-error.ts';
import { loadNodeConfig } from './config-source.ts';
import { devVariables, jsonForEnvFile, serializeEnvFile } from './dev-vars.ts';
import { type Environment, readEnvFiles } from './env-files.ts';
import { formatWarning, summaryLines } from './startup-summary.ts';

function writeDevVars(argv: string[], shell: Environment): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      'dev-vars': { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string' },
      strict: { type: 'boolean' },
    },
  });
  if (values.out === undefined) throw new CliError('--out is required');
  const devVars = readEnvFiles(values['dev-vars'] ? [values['dev-vars']] : []);
  // Read the config with everything the shell may name; pass on only what the worker needs.
  const env = devVariables(devVars, shell);
  const loaded = loadNodeConfig(values.config, env);
  const variables = devVariables(devVars, shell, loaded.text ?? env.SWITCHYARD_CONFIG);
  delete variables.SWITCHYARD_CONFIG_FILE;
  // A file's text, or the variable's: either parsed as JSON above, unless the demo is in use.
  const configText = loaded.text ?? variables.SWITCHYARD_CONFIG;
  if (loaded.origin.kind !== 'demo' && configText !== undefined) {
    variables.SWITCHYARD_CONFIG = jsonForEnvFile(configText);
  }
  const upstash = variables.UPSTASH_REDIS_REST_URL && variables.UPSTASH_REDIS_REST_TOKEN;
  const report = startupReport({
    config: loaded.config,
    origin: loaded.origin,
    env: variables,
    adminKey: variables.SWITCHYARD_ADMIN_KEY,
    store: upstash
      ? 'Upstash (UPSTASH_REDIS_REST_URL)'
      : 'the in-isolate store (not shared with other isolates)',
  });
  console.error(`switchyard: wrangler dev starts with\n${summaryLines(report).join('\n')}`);
  for (const name of loaded.ignored) {
    console.error(formatWarning({ message: `${name} is set too, and ignored.`, fatal: false }));
  }
  for (const warning of report.warnings) console.error(formatWarning(warning));
  const fatal = report.warnings.some((warning) => warning.fatal);
  const strict = values.strict
    ? '--strict'
    : /^(1|true|yes)$/i.test(variables.SWITCHYARD_STRICT ?? '')
      ? 'SWITCHYARD_STRICT'
      : undefined;
  if (strict !== undefined && fatal)
    throw new CliError(`not starting (${strict}): fix the warnings above`);
  // It holds the provider keys of .dev.vars: readable by its owner only, like that file should be.
  writeFileSync(values.out, serializeEnvFile(variables), { mode: 0o600 });
  chmodSync(values.out, 0o600);
}

if (import.meta.main) {
  try {
    writeDevVars(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof CliError || error instanceof ConfigError)) throw error;
    console.error(`switchyard: ${error.message}`);
    process.exitCode = 1;
  }
}
