import { ConfigError } from '../config/load-config.ts';
import { startupReport, startupWarnings } from '../config/startup-report.ts';
import { CliError } from './cli-error.ts';
import { helpText, parseCliFlags } from './cli-flags.ts';
import { loadNodeConfig } from './config-source.ts';
import { type Environment, readEnvFiles, withEnvFiles } from './env-files.ts';
import { type NodeServer, startNodeServer } from './start-node-server.ts';
import { formatSummary, formatWarning } from './startup-summary.ts';

/**
 * The Node entry's command line: flags, env files, config, start-up checks, then the server
 * until SIGTERM or SIGINT. A mistake in any of them is one line on stderr and exit code 1.
 * @example await runCli(['--config', 'switchyard.json', '--port', '9000'], process.env);
 */
export async function runCli(argv: string[], processEnv: Environment): Promise<void> {
  try {
    const server = await start(argv, processEnv);
    if (server !== undefined) stopOnSignals(server);
  } catch (error) {
    if (!(error instanceof CliError || error instanceof ConfigError)) throw error;
    // A config error lists its bad fields one per line; everything else is one line.
    console.error(`switchyard: ${error.message}`);
    process.exitCode = 1;
  }
}

async function start(argv: string[], processEnv: Environment): Promise<NodeServer | undefined> {
  const flags = parseCliFlags(argv);
  if (flags.help) {
    process.stdout.write(helpText);
    return undefined;
  }
  const env = withEnvFiles(readEnvFiles(flags.envFiles), processEnv);
  const port = parsePort(flags.port ?? env.PORT ?? '8787', flags.port ? '--port' : 'PORT');
  const strict = flags.strict || /^(1|true|yes)$/i.test(env.SWITCHYARD_STRICT ?? '');
  const { config, origin, ignored } = loadNodeConfig(flags.config, env);
  const facts = { config, origin, env, adminKey: env.SWITCHYARD_ADMIN_KEY };
  for (const name of ignored) {
    console.error(formatWarning({ message: `${name} is set too, and ignored.`, fatal: false }));
  }
  const warnings = startupWarnings(facts);
  for (const warning of warnings) console.error(formatWarning(warning));
  const fatal = warnings.filter((warning) => warning.fatal).length;
  if (strict && fatal > 0) {
    const reason = flags.strict ? '--strict' : 'SWITCHYARD_STRICT';
    throw new CliError(
      `not starting (${reason}): fix the ${fatal === 1 ? 'warning' : `${fatal} warnings`} above`,
    );
  }
  const server = await startNodeServer({ config, port, hostname: flags.host ?? '127.0.0.1', env });
  const report = startupReport({ ...facts, store: server.store });
  console.log(formatSummary(report, server.url, process.pid));
  return server;
}

function parsePort(text: string, source: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65535) {
    throw new CliError(`${source} must be a port number from 0 to 65535, not '${text}'`);
  }
  return port;
}

/** The first signal drains open requests and exits; a second one exits at once. */
function stopOnSignals(server: NodeServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.error(`switchyard: ${signal}: stopping (again to stop at once)`);
    server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
