import { describe, expect, it } from 'vitest';
import { settleAfterStream } from './settle-after-stream.ts';

const streamOf = (parts: string[], failAfter?: Error) =>
  new ReadableStream<string>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      if (failAfter) controller.error(failAfter);
      else controller.close();
    },
  });

const readAll = async (stream: ReadableStream<string>) => {
  const parts: string[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
};

describe('settleAfterStream', () => {
  it('passes every part through and settles once at the end', async () => {
    let settles = 0;
    const parts = await readAll(settleAfterStream(streamOf(['a', 'b']), () => settles++));
    expect(parts).toEqual(['a', 'b']);
    expect(settles).toBe(1);
  });

  it('settles when the source fails, and passes the failure on', async () => {
    let settles = 0;
    const stream = settleAfterStream(streamOf(['a'], new Error('broken')), () => settles++);
    await expect(readAll(stream)).rejects.toThrow('broken');
    expect(settles).toBe(1);
  });

  it('on cancel, cancels the source before it settles', async () => {
    const events: string[] = [];
    const source = new ReadableStream<string>({
      pull(controller) {
        controller.enqueue('x');
      },
      cancel() {
        events.push('source cancelled');
      },
    });
    const stream = settleAfterStream(source, () => events.push('settled'));
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel('client left');
    expect(events).toEqual(['source cancelled', 'settled']);
  });
});
