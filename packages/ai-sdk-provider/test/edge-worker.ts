import { generateText, streamText } from 'ai';
import { createGateway, SwitchyardAuthenticationError } from '../src/index.ts';

interface Env {
  BASE_URL: string;
  API_KEY: string;
}

/** Runs inside workerd without `nodejs_compat`: no `process`, no `Buffer`, no `node:` modules. */
export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    const gateway = createGateway({ baseURL: env.BASE_URL, apiKey: env.API_KEY });
    const generated = await generateText({
      model: gateway('mock/echo'),
      prompt: 'hello from workerd',
    });
    const streamed = streamText({ model: gateway('mock/echo'), prompt: 'streamed in workerd' });
    const wrongKey = await generateText({
      model: createGateway({ baseURL: env.BASE_URL, apiKey: 'wrong' })('mock/echo'),
      prompt: 'x',
      maxRetries: 0,
    }).catch((error: unknown) => error);
    return Response.json({
      hasProcess: 'process' in globalThis,
      hasBuffer: 'Buffer' in globalThis,
      text: generated.text,
      streamedText: await streamed.text,
      wrongKeyIsTyped: SwitchyardAuthenticationError.isInstance(wrongKey),
    });
  },
};
