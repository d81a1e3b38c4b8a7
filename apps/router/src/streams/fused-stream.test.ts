import { describe, expect, it } from 'vitest';
import {
  fusedStream,
  fusedTransform,
  type PartTransformer,
  sourceOf,
  streamFrom,
} from './fused-stream.ts';

const streamOfParts = <T>(parts: T[], onCancel?: (reason: unknown) => void) =>
  new ReadableStream<T>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
    cancel: onCancel,
  });

const readAll = async <T>(stream: ReadableStream<T>): Promise<T[]> => {
  const parts: T[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
};

/** The same transformer through a real TransformStream and through `fusedTransform`. */
async function bothWays<I, O>(parts: I[], make: () => PartTransformer<I, O>) {
  const web = await readAll(streamOfParts(parts).pipeThrough(new TransformStream(make())));
  const fused = await readAll(fusedTransform(streamOfParts(parts), make()));
  return { web, fused };
}

describe('fusedStream', () => {
  it('hands out what start and pull enqueue, then ends', async () => {
    let next = 3;
    const stream = fusedStream<number>({
      start(controller) {
        controller.enqueue(1);
        controller.enqueue(2);
      },
      pull(controller) {
        if (next > 4) controller.close();
        else controller.enqueue(next++);
      },
    });
    expect(await readAll(stream)).toEqual([1, 2, 3, 4]);
  });

  it('keeps pulling until a part or the end, like a ReadableStream', async () => {
    let calls = 0;
    const stream = fusedStream<string>({
      pull(controller) {
        calls += 1;
        if (calls === 3) controller.enqueue('third');
        if (calls === 4) controller.close();
      },
    });
    expect(await readAll(stream)).toEqual(['third']);
  });

  it('fails the read when pull throws, and cancels the underlying source on cancel', async () => {
    const failing = fusedStream<number>({
      pull() {
        throw new Error('upstream broke');
      },
    });
    await expect(failing.getReader().read()).rejects.toThrow('upstream broke');

    let cancelled: unknown;
    const source = sourceOf(
      fusedStream<number>({
        pull: (controller) => controller.enqueue(1),
        cancel: (reason) => {
          cancelled = reason;
        },
      }),
    );
    expect(await source.read()).toEqual({ done: false, value: 1 });
    await source.cancel('client left');
    expect(cancelled).toBe('client left');
    expect(await source.read()).toEqual({ done: true, value: undefined });
  });

  it('never reads ahead of its reader', async () => {
    let pulls = 0;
    const stream = fusedStream<number>({
      pull(controller) {
        pulls += 1;
        controller.enqueue(pulls);
      },
    });
    const reader = stream.getReader();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(pulls).toBe(0);
    await reader.read();
    expect(pulls).toBe(1);
  });
});

describe('sourceOf', () => {
  it('reads a stage made here directly, and any other stream through its reader', async () => {
    const source = {
      read: async () => ({ done: true, value: undefined }) as const,
      cancel: async () => {},
    };
    const stream = streamFrom(source);
    expect(sourceOf(stream)).toBe(source);
    expect(stream.locked).toBe(true);

    const plain = streamOfParts([1, 2]);
    const reader = sourceOf(plain);
    expect(plain.locked).toBe(true);
    expect(await reader.read()).toEqual({ done: false, value: 1 });
  });

  it('goes through the stream once the stream itself was read', async () => {
    let next = 0;
    const stream = fusedStream<number>({ pull: (controller) => controller.enqueue(next++) });
    const reader = stream.getReader();
    expect(await reader.read()).toEqual({ done: false, value: 0 });
    reader.releaseLock();
    const source = sourceOf(stream);
    expect(await source.read()).toEqual({ done: false, value: 1 });
  });
});

describe('fusedTransform', () => {
  const doubler = (): PartTransformer<number, number> => ({
    start: (controller) => controller.enqueue(0),
    transform(part, controller) {
      controller.enqueue(part);
      controller.enqueue(part * 2);
    },
    flush: (controller) => controller.enqueue(-1),
  });

  it('gives what a TransformStream gives: start, every transform, flush', async () => {
    const { web, fused } = await bothWays([1, 2, 3], doubler);
    expect(fused).toEqual(web);
    expect(fused).toEqual([0, 1, 2, 2, 4, 3, 6, -1]);
  });

  it('drops parts a transform does not enqueue, and awaits an async transform', async () => {
    const { web, fused } = await bothWays([1, 2, 3, 4], () => ({
      async transform(part: number, controller) {
        await Promise.resolve();
        if (part % 2 === 0) controller.enqueue(part);
      },
    }));
    expect(fused).toEqual(web);
    expect(fused).toEqual([2, 4]);
  });

  it('terminate ends the output and cancels the rest of the input', async () => {
    let cancelled = false;
    const input = new ReadableStream<number>({
      pull: (controller) => controller.enqueue(1),
      cancel: () => {
        cancelled = true;
      },
    });
    const output = fusedTransform<number, string>(input, {
      transform(_, controller) {
        controller.enqueue('last');
        controller.terminate();
      },
    });
    expect(await readAll(output)).toEqual(['last']);
    expect(cancelled).toBe(true);
  });

  it('a throwing transform fails the output and cancels the input', async () => {
    let cancelled: unknown;
    const input = new ReadableStream<number>({
      pull: (controller) => controller.enqueue(1),
      cancel: (reason) => {
        cancelled = reason;
      },
    });
    const output = fusedTransform<number, number>(input, {
      transform() {
        throw new Error('bad part');
      },
    });
    await expect(output.getReader().read()).rejects.toThrow('bad part');
    expect((cancelled as Error).message).toBe('bad part');
  });

  it('an input that fails fails the output', async () => {
    const input = new ReadableStream<number>({
      pull: (controller) => controller.error(new Error('reset')),
    });
    const output = fusedTransform<number, number>(input, {
      transform: (part, controller) => controller.enqueue(part),
    });
    await expect(output.getReader().read()).rejects.toThrow('reset');
  });

  it('cancelling the output tells the transformer, then cancels the input', async () => {
    const events: string[] = [];
    const input = new ReadableStream<number>({
      pull: (controller) => controller.enqueue(1),
      cancel: (reason) => {
        events.push(`input ${String(reason)}`);
      },
    });
    const output = fusedTransform<number, number>(input, {
      transform: (part, controller) => controller.enqueue(part),
      cancel: (reason) => {
        events.push(`transformer ${String(reason)}`);
      },
    });
    const reader = output.getReader();
    await reader.read();
    await reader.cancel('gone');
    expect(events).toEqual(['transformer gone', 'input gone']);
  });

  it('chains without a stream between stages', async () => {
    let pulls = 0;
    const input = fusedStream<number>({
      pull(controller) {
        pulls += 1;
        if (pulls > 3) controller.close();
        else controller.enqueue(pulls);
      },
    });
    const plusOne = fusedTransform<number, number>(input, {
      transform: (part, controller) => controller.enqueue(part + 1),
    });
    const timesTen = fusedTransform<number, number>(plusOne, {
      transform: (part, controller) => controller.enqueue(part * 10),
    });
    expect(await readAll(timesTen)).toEqual([20, 30, 40]);
  });
});
