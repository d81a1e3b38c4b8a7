import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useRouter } from './fixtures.ts';
import { guardrailsConfig, keys, leakedToken } from './guardrails-fixtures.ts';

/** A request's own rule, stricter than the gateway's shadow rule on the same term. */
const stricter = { rules: { 'no-codename': { terms: ['Nightjar'], action: 'block' } } };
/** A request's own rule that would only warn about what the key's policy blocks. */
const looser = { rules: { 'no-secrets': { detectors: ['secrets'], action: 'warn' } } };

/** The request body's `guardrails`, which the clients do not type. */
const withGuardrails = <T>(body: T, guardrails: object | undefined) =>
  (guardrails === undefined ? body : { ...body, guardrails }) as T;

describe.each(['node', 'workerd'] as const)('per-request guardrail rules on %s', (runtime) => {
  const running = useRouter(runtime, guardrailsConfig, {});
  const openai = (key: string) =>
    new OpenAI({ baseURL: `${running.router.url}/v1`, apiKey: key, maxRetries: 0 });
  const anthropic = (key: string) =>
    new Anthropic({ baseURL: running.router.url, apiKey: key, maxRetries: 0 });
  const upstreamCalls = () => running.upstream.requests.length;

  const apis = {
    'chat completions': (key: string, content: string, guardrails?: object) =>
      openai(key).chat.completions.create(
        withGuardrails({ model: 'chat', messages: [{ role: 'user', content }] }, guardrails),
      ),
    responses: (key: string, content: string, guardrails?: object) =>
      openai(key).responses.create(
        withGuardrails({ model: 'openai-chat/gpt-4o-mini', input: content }, guardrails),
      ),
    messages: (key: string, content: string, guardrails?: object) =>
      anthropic(key).messages.create(
        withGuardrails(
          { model: 'chat', max_tokens: 64, messages: [{ role: 'user', content }] },
          guardrails,
        ),
      ),
  } as const;

  describe.each(Object.entries(apis))('through %s', (_api, send) => {
    it('applies a stricter rule the request adds, before any upstream call', async () => {
      const before = upstreamCalls();
      const error = await send(keys.masker, 'status of Nightjar?', stricter).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ status: 400 });
      // Anthropic's envelope has no code: both name the type, and the rule.
      expect(JSON.stringify((error as { error?: unknown }).error)).toContain(
        'invalid_request_error',
      );
      expect((error as Error).message).toContain("'no-codename'");
      expect(upstreamCalls()).toBe(before);
    });

    it('passes the same request without the rule', async () => {
      await expect(send(keys.masker, 'status of Nightjar?')).resolves.toBeDefined();
    });

    it("cannot loosen the key's block rule with a looser one of the same name", async () => {
      const before = upstreamCalls();
      const error = await send(keys.blocker, `deploy with ${leakedToken}`, looser).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ status: 400 });
      expect((error as Error).message).toContain("'no-secrets'");
      expect(upstreamCalls()).toBe(before);
    });
  });
});
