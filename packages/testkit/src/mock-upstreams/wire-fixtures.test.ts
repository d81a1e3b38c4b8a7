import { describe, expect, it } from 'vitest';
import { postRaw, useMockUpstream, weatherTool } from './test-helpers.ts';

const upstream = useMockUpstream();

/** Raw bodies with the clock removed, so the recorded fixtures only change with the format. */
async function recordBody(path: string, body: unknown): Promise<string> {
  const { text } = await postRaw(`${upstream.url}${path}`, body);
  return text.replace(/"(created|created_at)":\d+/g, '"$1":1700000000');
}

const schema = weatherTool.inputSchema;

describe('recorded wire fixtures', () => {
  it('OpenAI Chat text stream with usage', async () => {
    const body = await recordBody('/v1/chat/completions', {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Say hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    await expect(body).toMatchFileSnapshot('./__fixtures__/openai-chat-text.chunks.txt');
  });

  it('OpenAI Chat tool call', async () => {
    const body = await recordBody('/v1/chat/completions', {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: schema } }],
    });
    await expect(body).toMatchFileSnapshot('./__fixtures__/openai-chat-tool-call.json');
  });

  it('OpenAI Responses stream with reasoning', async () => {
    const body = await recordBody('/v1/responses', {
      model: 'o4-mini~reasoning=1',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Say hi' }] }],
      stream: true,
    });
    await expect(body).toMatchFileSnapshot('./__fixtures__/openai-responses-reasoning.chunks.txt');
  });

  it('Anthropic Messages stream with thinking and tool use', async () => {
    const body = await recordBody('/v1/messages', {
      model: 'claude-sonnet-4-5~reasoning=1',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [{ name: 'get_weather', input_schema: schema }],
      stream: true,
    });
    await expect(body).toMatchFileSnapshot('./__fixtures__/anthropic-messages-tool-use.chunks.txt');
  });

  it('Gemini text stream', async () => {
    const body = await recordBody('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', {
      contents: [{ role: 'user', parts: [{ text: 'Say hi' }] }],
    });
    await expect(body).toMatchFileSnapshot('./__fixtures__/gemini-text.chunks.txt');
  });
});
