import { chatBody, costNanos } from './bench-request.ts';
import { createKey, spendNanos, waitUntilSettled } from './client.ts';
import type { Fleet } from './fleet.ts';

export interface CancelledStreamResult {
  chunksPlanned: number;
  chunkChars: number;
  chunkDelayMs: number;
  /** Content chunks the client read before it aborted. */
  chunksRead: number;
  charsRead: number;
  status: number;
  settled: boolean;
  /** From the client's abort until no reservation of the key was open. */
  msToSettle: number;
  /** Whether the upstream saw its connection closed before the stream's end. */
  upstreamCancelled: boolean;
  spendNanos: number;
  estimateNanos: number;
  /** What the whole answer would have cost (the usage the upstream reports at the end). */
  fullCostNanos: number;
  /**
   * The router's rule for a stream cut off before its usage: ~4 characters a token, for the
   * prompt it sent and the text the client was given; the cost of that for the chunks read.
   */
  expectedNanos: number;
}

/**
 * A streamed answer the client abandons after a few chunks: the key must be charged for what
 * was delivered, not nothing and not the whole estimate.
 */
export async function runCancelledStream(
  fleet: Fleet,
  options: { chunks: number; chunkDelayMs: number; readChunks: number },
): Promise<CancelledStreamResult> {
  const { estimate } = fleet;
  // 40 characters: 10 tokens at four characters a token.
  const chunkText = 'stream of tokens that the client leaves ';
  // The whole answer's usage is 90% of the estimate's output, so the report can tell a stream
  // charged in full from one left at its estimate.
  const usage = {
    promptTokens: estimate.inputTokens,
    completionTokens: Math.round(estimate.outputTokens * 0.9),
  };
  await fleet.setUpstream({
    ...usage,
    latencyMs: 0,
    chunks: options.chunks,
    chunkDelayMs: options.chunkDelayMs,
    chunkText,
  });
  await fleet.resetUpstream();
  const router = fleet.routers[1]?.url ?? '';
  const key = await createKey(router, {
    name: 'cancelled stream',
    limit: (estimate.nanos * 10) / 1e9,
  });
  const abort = new AbortController();
  const timeout = setTimeout(() => abort.abort(), 30_000);
  const response = await fetch(`${router}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(chatBody({ stream: true })),
    signal: abort.signal,
  });
  let chunksRead = 0;
  let charsRead = 0;
  let text = '';
  const decoder = new TextDecoder();
  const reader = response.body?.getReader();
  try {
    while (reader && chunksRead < options.readChunks) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let end = text.indexOf('\n\n');
      while (end !== -1) {
        const data = text.slice(0, end).replace(/^data: /, '');
        text = text.slice(end + 2);
        end = text.indexOf('\n\n');
        if (data === '[DONE]') continue;
        const parsed = JSON.parse(data) as { choices?: { delta?: { content?: string } }[] };
        const content = parsed.choices?.[0]?.delta?.content ?? '';
        if (content !== '') {
          chunksRead += 1;
          charsRead += content.length;
        }
      }
    }
  } finally {
    abort.abort();
    clearTimeout(timeout);
  }
  const aborted = performance.now();
  const settled = await waitUntilSettled(fleet.redis, key.hash);
  const msToSettle = Math.round(performance.now() - aborted);
  const spend = await spendNanos(fleet.redis, key.hash);
  return {
    chunksPlanned: options.chunks,
    chunkChars: chunkText.length,
    chunkDelayMs: options.chunkDelayMs,
    chunksRead,
    charsRead,
    status: response.status,
    settled,
    msToSettle,
    upstreamCancelled: (await fleet.upstreamStats()).closedEarly > 0,
    spendNanos: spend,
    estimateNanos: estimate.nanos,
    fullCostNanos: costNanos(usage.promptTokens, usage.completionTokens),
    expectedNanos: costNanos(Math.ceil(estimate.promptChars / 4), Math.ceil(charsRead / 4)),
  };
}
