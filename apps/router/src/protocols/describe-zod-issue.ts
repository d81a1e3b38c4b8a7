import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** Where a problem is and what it is; `path` may go deeper than the issue's own (unions). */
export interface IssueDescription {
  path: PropertyKey[];
  message: string;
}

export type Validation<Output> =
  | { success: true; data: Output }
  | ({ success: false } & IssueDescription);

/**
 * Validates `value` and describes its first problem. Parses with `reportInput`: zod 4 drops an
 * issue's `input` otherwise, and a wrongly typed field would read as a missing one.
 * @example
 * const result = validate(schema, { temperature: 'hot' });
 * // { success: false, path: ['temperature'], message: 'expected a number, got a string' }
 */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): Validation<z.output<Schema>> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { success: true, data: result.data };
  const [issue] = result.error.issues;
  if (issue === undefined) return { success: false, path: [], message: 'is not valid' };
  return { success: false, ...describeZodIssue(issue) };
}

/**
 * Says what is wrong in words a caller can act on: a missing field "is required", a wrongly
 * typed one "expected a number, got a string". Messages a schema wrote itself are kept. Values
 * are never echoed except short plain strings and numbers.
 * @example describeZodIssue(issue) // { path: ['max_tokens'], message: 'expected an integer, got 1.5' }
 */
export function describeZodIssue(issue: Issue): IssueDescription {
  if (!isZodDefault(issue.message)) return { path: issue.path, message: issue.message };
  if (issue.code === 'invalid_union') return describeUnion(issue);
  return { path: issue.path, message: describeSingle(issue, issue.path.length === 0) };
}

/** zod's own English messages; anything else was written by a schema and is kept as is. */
function isZodDefault(message: string): boolean {
  return /^(Invalid|Too (big|small)|Unrecognized key)/.test(message);
}

function describeSingle(issue: Issue, atRoot: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `expected ${expectedType(issue.expected, atRoot)}, got ${describeValue(issue.input, typeof issue.input === 'number')}`;
    case 'invalid_value':
      if (issue.input === undefined) return `is required: ${oneOf(issue.values)}`;
      return `expected ${oneOf(issue.values)}, got ${describeValue(issue.input, true)}`;
    case 'too_small':
    case 'too_big':
      return describeBound(issue) ?? issue.message;
    case 'unrecognized_keys': {
      const names = issue.keys.slice(0, mostListed).map((key) => quote(key.slice(0, 64)));
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${names.join(', ')}`;
    }
    default:
      return issue.message;
  }
}

function describeUnion(issue: Extract<Issue, { code: 'invalid_union' }>): IssueDescription {
  const { path, input } = issue;
  if (issue.discriminator !== undefined && 'options' in issue && issue.options !== undefined) {
    // zod puts the discriminator in the path already; `input` is the object that lacks a match.
    const value = isRecord(input) ? input[issue.discriminator] : undefined;
    const expected = oneOf(issue.options);
    const message =
      value === undefined
        ? `is required: ${expected}`
        : `expected ${expected}, got ${describeValue(value, true)}`;
    return { path, message };
  }
  const branches = issue.errors.map((branch) => branch[0]).filter((first) => first !== undefined);
  if (branches.length === 0) return { path, message: issue.message };
  if (branches.every(isTypeMismatchAtRoot)) {
    if (input === undefined) return { path, message: 'is required' };
    const expected = branches.flatMap((branch) =>
      branch.code === 'invalid_value'
        ? branch.values.slice(0, mostListed).map(literal)
        : [expectedType(branch.expected, path.length === 0)],
    );
    return { path, message: `expected ${orList(expected)}, got ${describeValue(input, true)}` };
  }
  // The branch that got furthest into the value says best what is wrong inside it.
  const furthest = branches
    .filter((branch) => !isTypeMismatchAtRoot(branch))
    .reduce((best, branch) => (branch.path.length > best.path.length ? branch : best));
  const inner = describeZodIssue(furthest);
  return { path: [...path, ...inner.path], message: inner.message };
}

function isTypeMismatchAtRoot(
  issue: Issue,
): issue is Extract<Issue, { code: 'invalid_type' | 'invalid_value' }> {
  return (
    issue.path.length === 0 &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
    isZodDefault(issue.message)
  );
}

function describeBound(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>) {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'number':
    case 'int':
    case 'bigint': {
      const bound = small
        ? inclusive
          ? 'at least'
          : 'greater than'
        : inclusive
          ? 'at most'
          : 'less than';
      return `must be ${bound} ${limit}, got ${describeValue(issue.input, true)}`;
    }
    case 'string':
      if (small && limit === 1) return 'must not be empty';
      return `must be ${issue.exact ? 'exactly' : small ? 'at least' : 'at most'} ${count(limit, 'character')} long`;
    case 'array':
    case 'set':
      if (small && limit === 1) return 'must not be empty';
      return `must contain ${issue.exact ? 'exactly' : small ? 'at least' : 'at most'} ${count(limit, 'item')}`;
    default:
      return undefined;
  }
}

const mostListed = 8;
const longestEchoed = 32;

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  bigint: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  tuple: 'an array',
  object: 'an object',
  record: 'an object',
  null: 'null',
  nonoptional: 'a value',
};

function expectedType(expected: string, atRoot: boolean): string {
  if (atRoot && expected === 'object') return 'a JSON object';
  return typeNames[expected] ?? expected;
}

/** A value's kind; with `echo`, short plain strings, numbers and booleans themselves. */
function describeValue(value: unknown, echo: boolean): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      if (value === '') return 'an empty string';
      return echo && value.length <= longestEchoed && /^[\w .:/@+-]+$/.test(value)
        ? quote(value)
        : 'a string';
    case 'number':
    case 'boolean':
      return echo ? String(value) : `a ${typeof value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function oneOf(values: readonly unknown[]): string {
  const listed = values.slice(0, mostListed).map(literal);
  if (values.length === 1) return listed[0] ?? 'nothing';
  return `one of ${listed.join(', ')}${values.length > mostListed ? ', …' : ''}`;
}

function literal(value: unknown): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'something else';
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

function quote(text: string): string {
  return `'${text}'`;
}

function count(amount: number, noun: string): string {
  return `${amount} ${noun}${amount === 1 ? '' : 's'}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
