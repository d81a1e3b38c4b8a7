import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FixtureUrls } from './fixture-servers.ts';

/**
 * Starts the fixture servers in their own Node process, for test setups whose module loader
 * cannot load Node-only packages (the Workers vitest plugin inlines every dependency).
 */
export function spawnFixtureServers(): Promise<FixtureUrls & { close(): Promise<void> }> {
  const program = fileURLToPath(new URL('./fixture-servers.ts', import.meta.url));
  const child = spawn(process.execPath, [program], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`fixture servers exited with ${code}`)));
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      const newline = output.indexOf('\n');
      if (newline === -1) return;
      const urls = JSON.parse(output.slice(0, newline)) as FixtureUrls;
      resolve({
        ...urls,
        close: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.stdin.end();
          }),
      });
    });
  });
}
