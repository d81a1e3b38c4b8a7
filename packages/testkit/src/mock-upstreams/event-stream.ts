import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Scenario } from './scenario.ts';
import type { StreamEvent } from './wire-format.ts';

/** Waits unless the client leaves first; the timer is cleared on abort. False when aborted. */
export async function pause(
  milliseconds: number | undefined,
  signal: AbortSignal,
): Promise<boolean> {
  if (milliseconds === undefined || milliseconds === 0) return !signal.aborted;
  try {
    await sleep(milliseconds, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the client disconnects, holding no timer meanwhile. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}

export interface EventStreamOptions {
  scenario: Scenario;
  lineEnding: '\n' | '\r\n';
  signal: AbortSignal;
  /** Called right before the mock destroys the socket on purpose (`cutAfter`). */
  onCut: () => void;
}

/** Writes server-sent events or binary frames, applying the scenario's delays and stream faults. */
export async function writeEventStream(
  response: ServerResponse,
  events: StreamEvent[],
  { scenario, lineEnding, signal, onCut }: EventStreamOptions,
): Promise<void> {
  const serialize = (event: StreamEvent) =>
    event.frame?.(event.data) ??
    `${event.event === undefined ? '' : `event: ${event.event}${lineEnding}`}data: ${event.data}${lineEnding}${lineEnding}`;
  const garbage = '{"malformed":';
  const cutAfter = scenario.cutAfterChunks;
  let contentWritten = 0;
  if (!(await pause(scenario.timeToFirstTokenMs, signal))) return;
  for (const [index, event] of events.entries()) {
    if (index > 0 && !(await pause(scenario.chunkDelayMs, signal))) return;
    if (scenario.truncate && event.final) continue;
    if (cutAfter !== undefined && contentWritten >= cutAfter && (cutAfter > 0 || event.content)) {
      onCut();
      response.destroy();
      return;
    }
    await write(response, serialize(event));
    if (signal.aborted) return;
    if (event.content) contentWritten++;
    if (event.content && scenario.malformed && contentWritten === 1) {
      await write(response, event.frame?.(garbage) ?? `data: ${garbage}${lineEnding}${lineEnding}`);
    }
  }
  response.end();
}

/** Resolves once the text reached the socket, so a following `destroy()` loses nothing. */
function write(response: ServerResponse, chunk: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => response.write(chunk, () => resolve()));
}
