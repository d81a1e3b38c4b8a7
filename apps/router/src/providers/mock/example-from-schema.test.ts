import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exampleFromSchema } from './example-from-schema.ts';

describe('exampleFromSchema', () => {
  it('fills every property with a value of its type', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer' },
        celsius: { type: 'number' },
        alerts: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        extra: { type: 'object' },
      },
    };
    expect(exampleFromSchema(schema)).toEqual({
      city: 'example',
      days: 1,
      celsius: 1,
      alerts: true,
      tags: [],
      extra: {},
    });
  });

  it('uses the first enum value and const values', () => {
    expect(exampleFromSchema({ type: 'string', enum: ['celsius', 'fahrenheit'] })).toBe('celsius');
    expect(exampleFromSchema({ const: 'fixed' })).toBe('fixed');
  });

  it('picks the non-null type of nullable fields and the first usable variant', () => {
    expect(exampleFromSchema({ type: ['null', 'number'] })).toBe(1);
    expect(exampleFromSchema({ anyOf: [{ type: 'null' }, { type: 'boolean' }] })).toBe(true);
  });

  it('respects numeric bounds, minItems and well-known string formats', () => {
    expect(exampleFromSchema({ type: 'integer', minimum: 5 })).toBe(5);
    expect(exampleFromSchema({ type: 'number', maximum: 0 })).toBe(0);
    expect(exampleFromSchema({ type: 'array', minItems: 2, items: { type: 'string' } })).toEqual([
      'example',
      'example',
    ]);
    expect(exampleFromSchema({ type: 'string', format: 'email' })).toBe('user@example.com');
  });

  it('produces values that the zod schema they were generated from accepts', () => {
    const schema = z.object({
      name: z.string(),
      email: z.email(),
      age: z.number().int().min(18),
      role: z.enum(['admin', 'user']),
      address: z.object({ street: z.string(), zip: z.string().nullable() }),
      tags: z.array(z.string()),
    });
    const value = exampleFromSchema(z.toJSONSchema(schema));
    expect(schema.safeParse(value).success).toBe(true);
  });

  it('returns an empty object for missing or boolean schemas', () => {
    expect(exampleFromSchema(undefined)).toEqual({});
    expect(exampleFromSchema(true)).toEqual({});
  });
});
