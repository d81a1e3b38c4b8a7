import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/index.ts';
import { isBase64, refuseMalformedInlineData } from './refuse-malformed-inline-data.ts';

/** Whether the provider packages' own decoder accepts `text`. */
function decodes(text: string): boolean {
  try {
    convertBase64ToUint8Array(text);
    return true;
  } catch {
    return false;
  }
}

const samples = [
  '',
  'aGk=',
  'aGk',
  'aGVsbG8gd29ybGQ=',
  'aGVs bG8g\nd29y bGQ=',
  'a-_b',
  'a',
  'aGk==',
  'aG=k',
  '!!!not base64%%%',
  'aGk=\u0000',
  'aGk=====',
  'a\u00e9bc',
];

const prompt = (data: unknown): LanguageModelV4Prompt =>
  [
    {
      role: 'user',
      content: [{ type: 'file', mediaType: 'image/*', data: { type: 'data', data } }],
    },
  ] as LanguageModelV4Prompt;

describe('isBase64', () => {
  for (const sample of samples) {
    it(`agrees with the provider packages' decoder on ${JSON.stringify(sample)}`, () => {
      expect(isBase64(sample)).toBe(decodes(sample));
    });
  }
});

describe('refuseMalformedInlineData', () => {
  it('refuses a prompt file whose bytes are not base64 with a 400', () => {
    const refused = () => refuseMalformedInlineData({ prompt: prompt('!!!') });
    expect(refused).toThrow(InvalidRequestError);
    expect(refused).toThrow(expect.objectContaining({ statusCode: 400, code: 'invalid_base64' }));
  });

  it('refuses a file in a tool result and an image call file or mask', () => {
    const toolResult = [
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 't',
            toolName: 'f',
            output: {
              type: 'content',
              value: [{ type: 'file', mediaType: 'image/png', data: { type: 'data', data: '%' } }],
            },
          },
        ],
      },
    ];
    expect(() => refuseMalformedInlineData({ prompt: toolResult })).toThrow(InvalidRequestError);
    const file = { type: 'file', mediaType: 'image/png', data: 'not base64!' };
    expect(() => refuseMalformedInlineData({ prompt: 'a cat', files: [file] })).toThrow();
    expect(() => refuseMalformedInlineData({ prompt: 'a cat', mask: file })).toThrow();
  });

  it('passes base64 text, bytes, URLs and calls without files', () => {
    refuseMalformedInlineData({ prompt: prompt('aGk=') });
    refuseMalformedInlineData({ prompt: prompt(new Uint8Array([1, 2])) });
    refuseMalformedInlineData({
      prompt: [
        {
          role: 'user',
          content: [
            {
              type: 'file',
              mediaType: 'image/png',
              data: { type: 'url', url: new URL('https://example.com/a.png') },
            },
          ],
        },
      ],
    });
    refuseMalformedInlineData({ prompt: 'a cat', files: [{ type: 'url', url: 'https://x' }] });
    refuseMalformedInlineData({ values: ['not base64!'] });
  });
});
