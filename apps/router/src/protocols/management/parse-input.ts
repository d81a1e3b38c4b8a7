import type { z } from 'zod';
import { InvalidRequestError } from '../../errors/index.ts';

/**
 * Validates a request body or query with `schema`; a 400 names the first offending field
 * (`limit`, `models.2`) and what is wrong with it, never echoing the value it got.
 * @example const body = parseInput(createKeySchema, c.var.body, 'body');
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  where: 'body' | 'query',
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const path = issue?.path.map(String).join('.') ?? '';
  const param = path === '' ? null : path;
  throw new InvalidRequestError({
    message: `${param ?? `The request ${where}`}: ${describeIssue(issue)}`,
    param,
  });
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'is not valid.';
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `'${key.slice(0, 64)}'`).join(', ');
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${names}.`;
  }
  return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
}
