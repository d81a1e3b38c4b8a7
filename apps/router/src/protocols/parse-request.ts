import { z } from 'zod';
import { InvalidRequestError } from '../errors/index.ts';

/** Validates a request body; the first problem becomes a 400 naming its field. */
export function parseRequest<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.infer<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param =
    issue === undefined || issue.path.length === 0 ? null : z.core.toDotPath(issue.path);
  const message = issue === undefined ? 'Invalid request body.' : describeIssue(issue);
  throw new InvalidRequestError({
    message: param === null ? message : `${param}: ${message}`,
    param,
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  return issue.message;
}
