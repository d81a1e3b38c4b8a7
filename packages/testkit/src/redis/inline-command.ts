import { connect } from 'node:net';

/**
 * Sends one inline command (`PING`, `SHUTDOWN NOSAVE`) on a fresh connection and resolves with the
 * first reply line, or with '' when the server closes the connection without replying (what
 * SHUTDOWN does). Rejects when the connection fails or nothing happens within `timeoutMs`.
 */
export function sendInlineCommand(
  port: number,
  command: string,
  timeoutMs = 1_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    const finish = (error: Error | null, reply = '') => {
      socket.destroy();
      if (error) reject(error);
      else resolve(reply);
    };
    socket.setTimeout(timeoutMs, () =>
      finish(new Error(`redis on port ${port}: no reply to ${command}`)),
    );
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      const end = received.indexOf('\r\n');
      if (end !== -1) finish(null, received.slice(0, end));
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(null, received));
  });
}
