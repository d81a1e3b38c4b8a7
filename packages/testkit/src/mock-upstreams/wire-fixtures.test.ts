import { describe, expect, it } from 'vitest';
import { decodeAwsEvents } from './aws-event-stream.ts';
import { postRaw, useMockUpstream, weatherTool } from './test-helpers.ts';

const upstream = useMockUpstream();

/** Raw bodies with the clock removed, so the recorded fixtures only change with the format. */
async function recordBody(path: string, body: unknown): Promise<string> {
  const { text } = await postRaw(`${upstream.url}${path}`, body);
  return text.replace(/"(created|created_at)":\d+/g, '"$1":1700000000');
}

/** Bedrock's binary stream as one line per frame: its headers, then its JSON payload. */
async function recordFrames(path: string, body: unknown): Promise<string> {
  const response = await fetch(`${upstream.url}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  const frames = decodeAwsEvents(new Uint8Array(await response.arrayBuffer()));
  return frames
    .map(({ headers, data }) => {
      const named = Object.entries(headers).map(([name, value]) => `${name}=${value}`);
      return `${named.join(' ')} ${data}\n`;
    })
    .join('');
}

const schema = weatherTool.inputSchema;
const functionTools = [{ type: 'function', function: { name: 'get_weather', parameters: schema } }];

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

  it('Bedrock Converse tool use', async () => {
    const body = await recordBody('/model/amazon.nova-pro-v1%3A0/converse', {
      messages: [{ role: 'user', content: [{ text: 'Weather?' }] }],
      toolConfig: { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: schema } } }] },
    });
    await expect(body).toMatchFileSnapshot('./__fixtures__/bedrock-converse-tool-use.json');
  });

  it('Bedrock ConverseStream frames with reasoning', async () => {
    const path = '/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0~reasoning=1/converse-stream';
    const body = await recordFrames(path, {
      messages: [{ role: 'user', content: [{ text: 'Say hi' }] }],
    });
    await expect(body).toMatchFileSnapshot('./__fixtures__/bedrock-converse-reasoning.frames.txt');
  });

  it('Cohere Chat tool call', async () => {
    const body = await recordBody('/v2/chat', {
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: functionTools,
    });
    await expect(body).toMatchFileSnapshot('./__fixtures__/cohere-chat-tool-call.json');
  });

  it('Cohere Chat stream with thinking', async () => {
    const body = await recordBody('/v2/chat', {
      model: 'command-a-reasoning-08-2025~reasoning=1',
      messages: [{ role: 'user', content: 'Say hi' }],
      stream: true,
    });
    await expect(body).toMatchFileSnapshot('./__fixtures__/cohere-chat-reasoning.chunks.txt');
  });

  it('Mistral Chat with thinking chunks', async () => {
    const body = await recordBody('/mistral/v1/chat/completions', {
      model: 'magistral-medium-latest~reasoning=1',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hi' }] }],
    });
    await expect(body).toMatchFileSnapshot('./__fixtures__/mistral-chat-reasoning.json');
  });

  it('Mistral Chat tool call stream', async () => {
    const body = await recordBody('/mistral/v1/chat/completions', {
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather?' }] }],
      tools: functionTools,
      tool_choice: 'any',
      stream: true,
    });
    await expect(body).toMatchFileSnapshot('./__fixtures__/mistral-chat-tool-call.chunks.txt');
  });
});
