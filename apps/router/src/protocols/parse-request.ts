import { z } from 'zod';
import { InvalidRequestError } from '../errors/index.ts';
import { validate } from './describe-zod-issue.ts';

/**
 * Validates a request body; the first problem becomes a 400 naming its field and what is wrong
 * with it (`temperature: expected a number, got a string`), never echoing a long value.
 * @example const request = parseRequest(chatCompletionRequestSchema, c.get('body'));
 */
export function parseRequest<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.infer<Schema> {
  const result = validate(schema, body);
  if (result.success) return result.data;
  const param = result.path.length === 0 ? null : z.core.toDotPath(result.path);
  throw new InvalidRequestError({
    message: `${param ?? 'The request body'}: ${result.message}`,
    param,
  });
}
