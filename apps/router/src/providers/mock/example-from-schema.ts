import type { JSONObject, JSONValue } from '@ai-sdk/provider';
import { isJSONValue } from '@ai-sdk/provider';

type Schema = Record<string, unknown>;

// Recursive schemas ($ref) are not followed; depth bounds pathological nesting.
const maxDepth = 16;

const stringFormats: Record<string, string> = {
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00',
};

/**
 * Builds a small value that satisfies a JSON Schema: the first `enum` value, "example" for
 * strings, 1 for numbers, true for booleans, [] for arrays and every listed property of objects.
 *
 * @example exampleFromSchema({ type: 'object', properties: { city: { type: 'string' } } })
 * // => { city: 'example' }
 */
export function exampleFromSchema(schema: unknown, depth = 0): JSONValue {
  if (!isSchema(schema) || depth > maxDepth) return {};
  if ('const' in schema && isJSONValue(schema.const)) return schema.const;
  if (Array.isArray(schema.enum) && isJSONValue(schema.enum[0])) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length > 0) {
    const preferred = variants.find((variant) => !isSchema(variant) || variant.type !== 'null');
    return exampleFromSchema(preferred ?? variants[0], depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((part) => exampleFromSchema(part, depth + 1)));
  }
  switch (typeOf(schema)) {
    case 'string':
      return (typeof schema.format === 'string' && stringFormats[schema.format]) || 'example';
    case 'number':
    case 'integer':
      return clampNumber(schema);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return arrayExample(schema, depth);
    default:
      return objectExample(schema, depth);
  }
}

function objectExample(schema: Schema, depth: number): JSONObject {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  return Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [
      name,
      exampleFromSchema(property, depth + 1),
    ]),
  );
}

function arrayExample(schema: Schema, depth: number): JSONValue[] {
  const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
  return Array.from({ length: count }, () => exampleFromSchema(schema.items, depth + 1));
}

function clampNumber(schema: Schema): number {
  let value = 1;
  if (typeof schema.minimum === 'number') value = Math.max(value, schema.minimum);
  if (typeof schema.maximum === 'number') value = Math.min(value, schema.maximum);
  return schema.type === 'integer' ? Math.ceil(value) : value;
}

function typeOf(schema: Schema): unknown {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null') ?? 'null';
  if (schema.type !== undefined) return schema.type;
  if (schema.items !== undefined) return 'array';
  return 'object';
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
