import { createServer, type IncomingMessage, type Server } from 'node:http';

/** The API key the protocol server accepts. */
export const protocolServerKey = 'sk-pack-test';

/** Answers the gateway protocol's language-model call with an echo of the last user text. */
export function startProtocolServer(): Promise<Server> {
  const server = createServer(async (request, response) => {
    const text = await readBody(request);
    const authorized = request.headers.authorization === `Bearer ${protocolServerKey}`;
    if (request.url !== '/v1/ai/language-model' || !authorized) {
      const type = authorized ? 'not_found' : 'authentication_error';
      response.writeHead(authorized ? 404 : 401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: type, type, param: null, code: null } }));
      return;
    }
    const reply = `Echo: ${JSON.parse(text).prompt.at(-1).content[0].text}`;
    const usage = {
      inputTokens: { total: 3, noCache: 3 },
      outputTokens: { total: 4, text: 4 },
    };
    const finishReason = { unified: 'stop', raw: 'stop' };
    const providerMetadata = { switchyard: { provider: 'mock', attempts: 1 } };
    if (request.headers['ai-language-model-streaming'] === 'true') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const parts = [
        { type: 'stream-start', warnings: [] },
        { type: 'response-metadata', id: 'r1', timestamp: new Date().toISOString() },
        { type: 'text-start', id: 't' },
        ...reply.split(' ').map((word, index) => ({
          type: 'text-delta',
          id: 't',
          delta: index === 0 ? word : ` ${word}`,
        })),
        { type: 'text-end', id: 't' },
        { type: 'finish', finishReason, usage, providerMetadata },
      ];
      for (const part of parts) response.write(`data: ${JSON.stringify(part)}\n\n`);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        content: [{ type: 'text', text: reply }],
        finishReason,
        usage,
        providerMetadata,
      }),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text;
}
