import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/index.ts';
import { parseRequest } from '../parse-request.ts';
import { convertToImageOptions } from './convert-to-image-options.ts';
import { imagesRequestSchema } from './images-request.ts';

const parse = (body: unknown) => parseRequest(imagesRequestSchema, body);

function rejection(body: unknown): InvalidRequestError {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error;
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe('the image generation request', () => {
  it('accepts the OpenAI fields and the routing controls', () => {
    const request = parse({
      model: 'm',
      prompt: 'a lighthouse',
      n: 2,
      size: '1024x1536',
      quality: 'high',
      style: 'vivid',
      response_format: 'url',
      user: 'u1',
      models: ['other'],
    });
    expect(request).toMatchObject({ n: 2, size: '1024x1536', response_format: 'url' });
    expect(parse({ model: 'm', prompt: 'p', size: 'auto' }).size).toBe('auto');
  });

  it.each([
    [{ prompt: 'p' }, 'model', 'model: is required'],
    [{ model: 'm' }, 'prompt', 'prompt: is required'],
    [{ model: 'm', prompt: '' }, 'prompt', 'prompt: must not be empty'],
    [{ model: 'm', prompt: 7 }, 'prompt', 'prompt:'],
    [{ model: 'm', prompt: 'p', n: 0 }, 'n', 'n:'],
    [{ model: 'm', prompt: 'p', n: 11 }, 'n', 'n:'],
    [{ model: 'm', prompt: 'p', n: 1.5 }, 'n', 'n:'],
    [{ model: 'm', prompt: 'p', size: 'big' }, 'size', 'size: must be WIDTHxHEIGHT'],
    [{ model: 'm', prompt: 'p', size: '0x0' }, 'size', 'size: must be WIDTHxHEIGHT'],
    [{ model: 'm', prompt: 'p', size: '-1x-1' }, 'size', 'size: must be WIDTHxHEIGHT'],
    [{ model: 'm', prompt: 'p', size: '99999999999999999999x1' }, 'size', 'size: must be'],
    [{ model: 'm', prompt: 'p', size: '16385x1024' }, 'size', 'size: must be WIDTHxHEIGHT'],
    [{ model: 'm', prompt: 'p', response_format: 'png' }, 'response_format', 'response_format:'],
    [{ model: 'm', prompt: 'p', quality: 'ultra' }, 'quality', 'quality:'],
  ])('rejects %j with a 400 naming the field', (body, param, message) => {
    const error = rejection(body);
    expect(error.statusCode).toBe(400);
    expect(error.param).toBe(param);
    expect(error.message).toContain(message);
  });
});

describe('convertToImageOptions', () => {
  it('defaults to one image at the provider default size, with no provider options', () => {
    expect(convertToImageOptions(parse({ model: 'm', prompt: 'p', size: 'auto' }))).toEqual({
      prompt: 'p',
      n: 1,
      size: undefined,
      aspectRatio: undefined,
      seed: undefined,
      files: undefined,
      mask: undefined,
      providerOptions: {},
    });
  });

  it('passes size and n on, and the OpenAI-only settings under providerOptions.openai', () => {
    const options = convertToImageOptions(
      parse({
        model: 'm',
        prompt: 'p',
        n: 3,
        size: '256x256',
        quality: 'hd',
        style: 'natural',
        output_format: 'webp',
        user: 'u',
      }),
    );
    expect(options).toMatchObject({ n: 3, size: '256x256' });
    expect(options.providerOptions).toEqual({
      openai: { quality: 'hd', style: 'natural', outputFormat: 'webp', user: 'u' },
    });
  });
});
