import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/index.ts';
import { parseRequest } from '../parse-request.ts';
import { convertToEmbedOptions } from './convert-to-embed-options.ts';
import { embeddingsRequestSchema, maxEmbeddingInputs } from './embeddings-request.ts';

const parse = (body: unknown) => parseRequest(embeddingsRequestSchema, body);

function rejection(body: unknown): InvalidRequestError {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe('the embeddings request', () => {
  it('accepts a string or an array of strings with the OpenAI options and routing controls', () => {
    expect(parse({ model: 'm', input: 'one' }).input).toBe('one');
    const request = parse({
      model: 'm',
      input: ['a', 'b'],
      encoding_format: 'base64',
      dimensions: 4,
      user: 'u1',
      models: ['fallback'],
      provider: { only: ['mock'] },
    });
    expect(request).toMatchObject({ input: ['a', 'b'], encoding_format: 'base64', dimensions: 4 });
    expect(request.provider?.only).toEqual(['mock']);
  });

  it.each([
    [{ input: 'x' }, 'model', 'model: is required'],
    [{ model: 'm' }, 'input', 'input: is required'],
    [{ model: 'm', input: [] }, 'input', 'input: must contain at least one string'],
    [{ model: 'm', input: '' }, 'input', 'input: must not be an empty string'],
    [{ model: 'm', input: ['a', ''] }, 'input.1', 'input[1]: must not be an empty string'],
    [{ model: 'm', input: 42 }, 'input', 'input: must be a string or an array of strings'],
    [{ model: 'm', input: [1, 2] }, 'input', 'input: token arrays are not supported'],
    [{ model: 'm', input: [[1], [2, 3]] }, 'input', 'input: token arrays are not supported'],
    [{ model: 'm', input: 'x', encoding_format: 'int8' }, 'encoding_format', 'encoding_format:'],
    [{ model: 'm', input: 'x', dimensions: 0 }, 'dimensions', 'dimensions:'],
  ])('rejects %j with a 400 naming the field', (body, param, message) => {
    const error = rejection(body);
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain(message);
    expect(error.param?.replace(/\[(\d+)\]/g, '.$1')).toBe(param);
  });

  it(`rejects more than ${maxEmbeddingInputs} inputs, as OpenAI does`, () => {
    const input = Array.from({ length: maxEmbeddingInputs + 1 }, (_, index) => `t${index}`);
    expect(rejection({ model: 'm', input }).message).toBe(
      `input: must contain at most ${maxEmbeddingInputs} strings`,
    );
    expect(() => parse({ model: 'm', input: input.slice(1) })).not.toThrow();
  });
});

describe('convertToEmbedOptions', () => {
  it('embeds a single string as one value and passes dimensions and user on', () => {
    expect(convertToEmbedOptions(parse({ model: 'm', input: 'hi' }))).toEqual({ values: ['hi'] });
    expect(
      convertToEmbedOptions(parse({ model: 'm', input: ['a', 'b'], dimensions: 3, user: 'u' })),
    ).toEqual({ values: ['a', 'b'], dimensions: 3, providerOptions: { openai: { user: 'u' } } });
  });
});
