/**
 * The Node entry: `node apps/router/src/node.ts --help` (what `npm run serve` and the container
 * run), and `startNodeServer()` for programs and tests that start the router themselves.
 */
import { runCli } from './node/cli.ts';

export {
  type NodeServer,
  type NodeServerOptions,
  startNodeServer,
} from './node/start-node-server.ts';

if (import.meta.main) await runCli(process.argv.slice(2), process.env);
