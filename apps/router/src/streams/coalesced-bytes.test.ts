import { describe, expect, it } from 'vitest';
import { coalescedBytes } from './coalesced-bytes.ts';
import { fusedStream } from './fused-stream.ts';

const decoder = new TextDecoder();

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(decoder.decode(chunk));
  return chunks;
}

/** A source that hands out `batches`, each batch at once, the next one `gapMs` later. */
function batched(batches: (string | Uint8Array)[][], gapMs: number) {
  const queue = batches.map((batch) => [...batch]);
  return fusedStream<string | Uint8Array>({
    async pull(controller) {
      const batch = queue[0];
      if (batch === undefined) return controller.close();
      if (batch.length === 0) {
        queue.shift();
        if (queue.length === 0) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, gapMs));
        return;
      }
      controller.enqueue(batch.shift() as string);
    },
  });
}

describe('coalescedBytes', () => {
  it('joins what is there at once into one chunk, and sends later data separately', async () => {
    const chunks = await chunksOf(
      coalescedBytes(
        batched(
          [
            ['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n'],
            ['data: 4\n\n', 'data: [DONE]\n\n'],
          ],
          20,
        ),
      ),
    );
    expect(chunks).toEqual(['data: 1\n\ndata: 2\n\ndata: 3\n\n', 'data: 4\n\ndata: [DONE]\n\n']);
  });

  it('does not hold the first chunk for data that is not there yet', async () => {
    let release: () => void = () => {};
    const later = new Promise<void>((resolve) => {
      release = resolve;
    });
    let step = 0;
    const stream = coalescedBytes(
      fusedStream<string>({
        async pull(controller) {
          step += 1;
          if (step === 1) return controller.enqueue('first');
          if (step === 2) await later;
          controller.close();
        },
      }),
    );
    const reader = stream.getReader();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('first');
    release();
    expect((await reader.read()).done).toBe(true);
  });

  it('keeps order across strings and bytes, multi-byte characters intact', async () => {
    const encoder = new TextEncoder();
    const chunks = await chunksOf(
      coalescedBytes(batched([['a', encoder.encode('ü'), 'ß', '€', encoder.encode('z')]], 0)),
    );
    expect(chunks.join('')).toBe('aüß€z');
    expect(chunks).toHaveLength(1);
  });

  it('sends what was read before a failure, then fails', async () => {
    let step = 0;
    const reader = coalescedBytes(
      fusedStream<string>({
        pull(controller) {
          step += 1;
          if (step === 1) controller.enqueue('partial');
          else throw new Error('upstream reset');
        },
      }),
    ).getReader();
    expect(decoder.decode((await reader.read()).value)).toBe('partial');
    await expect(reader.read()).rejects.toThrow('upstream reset');
  });

  it('passes a cancel to its source', async () => {
    let cancelled: unknown;
    const stream = coalescedBytes(
      fusedStream<string>({
        pull: (controller) => controller.enqueue('x'),
        cancel: (reason) => {
          cancelled = reason;
        },
      }),
    );
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel('client left');
    expect(cancelled).toBe('client left');
  });

  it('streams a source that is never short of data, in bounded chunks', async () => {
    const reader = coalescedBytes(
      fusedStream<string>({ pull: (controller) => controller.enqueue('data: x\n\n') }),
    ).getReader();
    const first = await reader.read();
    const second = await reader.read();
    expect(first.value?.byteLength).toBeGreaterThan(16 * 1024);
    expect(first.value?.byteLength).toBeLessThan(40 * 1024);
    expect(second.done).toBe(false);
    await reader.cancel();
  });

  it('skips empty chunks instead of sending them', async () => {
    const chunks = await chunksOf(
      coalescedBytes(
        batched(
          [
            ['', ''],
            ['', 'x'],
          ],
          5,
        ),
      ),
    );
    expect(chunks).toEqual(['x']);
  });
});
