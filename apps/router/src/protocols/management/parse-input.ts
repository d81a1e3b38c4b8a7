import type { z } from 'zod';
import { InvalidRequestError } from '../../errors/index.ts';
import { validate } from '../describe-zod-issue.ts';

/**
 * Validates a request body or query with `schema`; a 400 names the first offending field
 * (`limit`, `models.2`) and what is wrong with it, never echoing a long value it got.
 * @example const body = parseInput(createKeySchema, c.get('body'), 'body');
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  where: 'body' | 'query',
): z.output<Schema> {
  const result = validate(schema, value);
  if (result.success) return result.data;
  const path = result.path.map(String).join('.');
  const param = path === '' ? null : path;
  const message = result.message.endsWith('.') ? result.message : `${result.message}.`;
  throw new InvalidRequestError({
    message: `${param ?? `The request ${where}`}: ${message}`,
    param,
  });
}
