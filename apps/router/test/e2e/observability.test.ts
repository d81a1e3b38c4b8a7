import { createGateway } from '@ai-sdk/gateway';
import type { RouterRuntime } from '@switchyard/testkit';
import type { ReceivedSpan } from '@switchyard/testkit/otlp';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminKey,
  call,
  field,
  metricsToken,
  type ObservedRouter,
  type StoreKind,
  startObservedRouter,
  upstreamModel,
} from './observability-fixtures.ts';

/** Records and spans are written after the response: every wait ends once its condition holds. */
const poll = { timeout: 15_000, interval: 50 };
const messages = [{ role: 'user' as const, content: 'hello observability' }];

describe.each([
  ['node', 'memory'],
  ['node', 'redis'],
  ['node', 'upstash'],
  ['workerd', 'upstash'],
] as const)(
  'observability on %s over the %s store',
  (runtime: RouterRuntime, storeKind: StoreKind) => {
    let observed: ObservedRouter;
    let client: OpenAI;

    beforeAll(async () => {
      observed = await startObservedRouter(runtime, storeKind);
      client = new OpenAI({
        baseURL: `${observed.router.url}/v1`,
        apiKey: adminKey,
        maxRetries: 0,
      });
    });
    afterAll(() => observed?.close());

    /** The generation of `id` as `key` sees it, once the router has recorded it. */
    async function generation(id: string, key = adminKey) {
      await expect
        .poll(
          async () => (await call(observed.router, 'GET', `/api/v1/generation?id=${id}`)).status,
          poll,
        )
        .toBe(200);
      return call(observed.router, 'GET', `/api/v1/generation?id=${id}`, { key });
    }

    async function createKey(body: Record<string, unknown>) {
      const created = await call(observed.router, 'POST', '/api/v1/keys', { body });
      expect(created.status, created.text).toBe(201);
      return {
        key: field<string>(created.json, 'key'),
        label: field<string>(created.json, 'data.label'),
        hash: field<string>(created.json, 'data.hash'),
      };
    }

    it('records a failover answered through the openai client, found by its request id', async () => {
      const { data, response, request_id } = await client.chat.completions
        .create({ model: 'chat', messages })
        .withResponse();
      const id = response.headers.get('x-switchyard-request-id') as string;
      // The client reads x-request-id: the same id.
      expect(request_id).toBe(id);
      const answer = await generation(id);
      expect(field(answer.json, 'data')).toMatchObject({
        id,
        model: upstreamModel,
        provider_name: 'upstream',
        streamed: false,
        cancelled: false,
        finish_reason: 'stop',
        tokens_prompt: data.usage?.prompt_tokens,
        tokens_completion: data.usage?.completion_tokens,
        switchyard: {
          requested_model: 'chat',
          status: 'success',
          route: {
            attempts: [
              { target: 'mock/down', outcome: 'error', status: 503 },
              { target: 'mock/down', outcome: 'error', status: 503 },
              { target: upstreamModel, outcome: 'ok' },
            ],
          },
        },
      });
      expect(field<number>(answer.json, 'data.total_cost')).toBeGreaterThan(0);
    });

    it('records a stream continued after a cut, and one that failed, with their segments and outcomes', async () => {
      const continued = await client.chat.completions
        .create({ model: 'cut-then-echo', messages, stream: true })
        .withResponse();
      for await (const _chunk of continued.data) {
        // Read to the end: the record is written when the stream is over.
      }
      const failed = await client.chat.completions
        .create({ model: 'mock/cut', messages, stream: true })
        .withResponse();
      await expect(async () => {
        for await (const _chunk of failed.data) {
          // The broken stream ends with an error event, which the client throws.
        }
      }).rejects.toThrow();

      const continuedRecord = field<Record<string, unknown>>(
        (await generation(continued.response.headers.get('x-switchyard-request-id') as string))
          .json,
        'data',
      );
      expect(continuedRecord).toMatchObject({
        streamed: true,
        finish_reason: 'stop',
        switchyard: {
          status: 'success',
          interrupted: true,
          continued: true,
          route: {
            attempts: [
              { target: 'mock/cut', outcome: 'interrupted' },
              { target: 'mock/echo', outcome: 'ok' },
            ],
            segments: [
              { target: 'mock/cut', outcome: 'error', estimated: true },
              { target: 'mock/echo', outcome: 'ok' },
            ],
          },
        },
      });
      const failedRecord = field<Record<string, unknown>>(
        (await generation(failed.response.headers.get('x-switchyard-request-id') as string)).json,
        'data',
      );
      expect(failedRecord).toMatchObject({
        finish_reason: 'error',
        switchyard: {
          status: 'error',
          http_status: 200,
          error_code: 'stream_interrupted',
          interrupted: true,
          continued: false,
        },
      });
    });

    it('answers the official @ai-sdk/gateway client at /v1/generation', async () => {
      const { response } = await client.chat.completions
        .create({ model: 'mock/echo', messages })
        .withResponse();
      const id = response.headers.get('x-switchyard-request-id') as string;
      await generation(id);
      const gateway = createGateway({ baseURL: `${observed.router.url}/v1/ai`, apiKey: adminKey });
      const info = await gateway.getGenerationInfo({ id });
      expect(info).toMatchObject({
        id,
        model: 'mock/echo',
        providerName: 'mock',
        streamed: false,
        finishReason: 'stop',
      });
      expect(info.totalCost).toBeGreaterThan(0);
      expect(info.promptTokens).toBeGreaterThan(0);
    });

    it('shows an inference key its own generations only', async () => {
      const { key } = await createKey({ name: `own-${runtime}-${storeKind}` });
      const own = new OpenAI({ baseURL: `${observed.router.url}/v1`, apiKey: key, maxRetries: 0 });
      const mine = (
        await own.chat.completions.create({ model: 'mock/echo', messages }).withResponse()
      ).response;
      const admins = (
        await client.chat.completions.create({ model: 'mock/echo', messages }).withResponse()
      ).response;
      expect(
        (await generation(mine.headers.get('x-switchyard-request-id') as string, key)).status,
      ).toBe(200);
      expect(
        (await generation(admins.headers.get('x-switchyard-request-id') as string, key)).status,
      ).toBe(404);
    });

    it('counts the same requests in the request log, the stats and /metrics', async () => {
      const { key, label, hash } = await createKey({ name: `counted-${runtime}-${storeKind}` });
      const counted = new OpenAI({
        baseURL: `${observed.router.url}/v1`,
        apiKey: key,
        maxRetries: 0,
      });
      for (let index = 0; index < 3; index += 1) {
        await counted.chat.completions.create({
          model: index === 2 ? 'chat' : 'mock/echo',
          messages,
        });
      }
      await expect
        .poll(
          async () =>
            field<unknown[]>(
              (await call(observed.router, 'GET', `/api/v1/requests?key=${hash}`)).json,
              'data',
            )?.length,
          poll,
        )
        .toBe(3);
      const page = await call(observed.router, 'GET', `/api/v1/requests?key=${hash}&limit=2`);
      const next = field<string>(page.json, 'next_cursor');
      const rest = await call(
        observed.router,
        'GET',
        `/api/v1/requests?key=${hash}&limit=2&cursor=${next}`,
      );
      expect(field<unknown[]>(rest.json, 'data')).toHaveLength(1);
      expect(field(rest.json, 'next_cursor')).toBeNull();

      const stats = await call(
        observed.router,
        'GET',
        `/api/v1/stats?key=${hash}&group_by=model&step=1h`,
      );
      expect(stats.status, stats.text).toBe(200);
      expect(field(stats.json, 'data.totals')).toMatchObject({ requests: 3, failovers: 1 });
      const models = field<{ key: string; requests: number }[]>(stats.json, 'data.groups');
      expect(Object.fromEntries(models.map((group) => [group.key, group.requests]))).toEqual({
        'mock/echo': 2,
        [upstreamModel]: 1,
      });

      const metrics = await call(observed.router, 'GET', '/metrics', { key: metricsToken });
      expect(metrics.status).toBe(200);
      expect(metrics.text).toContain(`switchyard_key_requests_total{key="${label}",team=""} 3`);
      expect(metrics.text).toMatch(
        /switchyard_failovers_total\{[^}]*gen_ai_request_model="chat"[^}]*\} [1-9]/,
      );
      expect(metrics.text).toContain('switchyard_circuit_open{target="mock/down"} 0');
    });

    it('exports the failover as a request span with one chat span per attempt', async () => {
      const { response } = await client.chat.completions
        .create({ model: 'chat', messages })
        .withResponse();
      const id = response.headers.get('x-switchyard-request-id') as string;
      let request: ReceivedSpan | undefined;
      await expect
        .poll(() => {
          request = observed.receiver.spans.find(
            (span) => span.attributes['switchyard.request_id'] === id,
          );
          const children = observed.receiver.spans.filter(
            (span) => span.parentSpanId === request?.spanId,
          );
          return request === undefined ? 0 : children.length;
        }, poll)
        .toBe(3);
      const attempts = observed.receiver.spans
        .filter((span) => span.parentSpanId === request?.spanId)
        .sort(
          (a, b) =>
            Number(a.attributes['switchyard.attempt']) - Number(b.attributes['switchyard.attempt']),
        );
      expect(request).toMatchObject({
        kind: 2,
        resource: { 'service.name': `switchyard-${runtime}` },
        attributes: {
          'gen_ai.request.model': 'chat',
          'gen_ai.response.model': upstreamModel,
          'gen_ai.provider.name': 'openai',
        },
      });
      expect(
        attempts.map((span) => [
          span.name,
          span.attributes['gen_ai.provider.name'],
          span.status.code,
        ]),
      ).toEqual([
        ['chat down', 'mock', 2],
        ['chat down', 'mock', 2],
        ['chat gpt-4o-mini', 'openai', 0],
      ]);
      expect(observed.receiver.exports.every((received) => received.error === undefined)).toBe(
        true,
      );
    });
  },
);
