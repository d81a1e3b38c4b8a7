import { crc32, deflateSync } from 'node:zlib';
import { recordOf, stringOf } from './json-values.ts';
import { fnv1a } from './openai-embeddings.ts';
import { renderOpenAIError } from './openai-error.ts';
import { unixSeconds, type WireFormat } from './wire-format.ts';

/** Side of the square PNGs the mock draws, whatever `size` asked for. */
export const mockImageSide = 8;

/**
 * OpenAI image generation: `POST {base}/images/generations`, used by `openai.image()` and
 * openai-compatible image models. Each of the `n` images is a small PNG drawn from the prompt
 * and its index, so the same request always gets the same images.
 */
export const openaiImages: WireFormat = {
  name: 'openai-images',
  lineEnding: '\n',
  matches: (pathname) => pathname.endsWith('/images/generations'),
  parseRequest(body) {
    const request = recordOf(body);
    const prompt = stringOf(request.prompt) ?? '';
    const n = typeof request.n === 'number' && request.n >= 1 ? Math.floor(request.n) : 1;
    return {
      model: stringOf(request.model) ?? '',
      stream: false,
      includeStreamUsage: false,
      lastUserText: prompt,
      toolResult: undefined,
      tools: [],
      toolChoice: { type: 'none' },
      inputCharacters: prompt.length,
      image: { prompt, n, responseFormat: stringOf(request.response_format) },
    };
  },
  renderResponse(reply, request) {
    const { prompt, n, responseFormat } = request.image ?? { prompt: '', n: 1 };
    const tokens = reply.usage.inputTokens;
    const outputTokens = 100 * n;
    return {
      created: unixSeconds(),
      data: Array.from({ length: n }, (_, index) => {
        const base64 = pngOf(`${index}:${prompt}`).toString('base64');
        return responseFormat === 'url'
          ? { url: `data:image/png;base64,${base64}`, revised_prompt: prompt }
          : { b64_json: base64, revised_prompt: prompt };
      }),
      usage: {
        input_tokens: tokens,
        output_tokens: outputTokens,
        total_tokens: tokens + outputTokens,
        input_tokens_details: { text_tokens: tokens, image_tokens: 0 },
      },
    };
  },
  // Image generation is answered in one JSON body; the request parser says `stream: false`.
  renderStream: () => [],
  renderError: renderOpenAIError,
  responseHeaders: (replyId) => ({ 'x-request-id': `req_${replyId}`, 'openai-processing-ms': '1' }),
};

/** An 8×8 RGB PNG checkerboard in a colour from the text's hash and its inverse. */
export function pngOf(text: string): Buffer {
  const hash = fnv1a(text);
  const colour = [hash >>> 24, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff];
  const rowLength = mockImageSide * 3 + 1;
  const raw = Buffer.alloc(rowLength * mockImageSide);
  for (let y = 0; y < mockImageSide; y++) {
    for (let x = 0; x < mockImageSide; x++) {
      const inverse = ((x >> 1) + (y >> 1)) % 2 === 1;
      colour.forEach((value, channel) => {
        raw[y * rowLength + 1 + x * 3 + channel] = inverse ? 255 - value : value;
      });
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(mockImageSide, 0);
  header.writeUInt32BE(mockImageSide, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
