import type { Context } from 'hono';
import { z } from 'zod';
import { InvalidRequestError } from '../errors/index.ts';
import type { RequestControls } from '../routing/request-controls.ts';

const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Request metadata for routing rules: string values, and no key that names an object's
 * prototype (rules look keys up by name; zod would silently drop `__proto__`).
 */
export const requestMetadataSchema = z
  .unknown()
  .refine(
    (value) => !hasPrototypeKey(value),
    'must not use __proto__, constructor or prototype as a key',
  )
  .pipe(z.record(z.string(), z.string()));

function hasPrototypeKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.keys(value).some((key) => prototypeKeys.has(key));
}

/**
 * Request metadata and tags sent as headers (`x-switchyard-metadata: {"team":"search"}`,
 * `x-switchyard-tags: beta,eu`), merged under what the body says, for routing rules.
 */
export function withRoutingHeaders(c: Context, controls: RequestControls): RequestControls {
  const metadataHeader = c.req.header('x-switchyard-metadata');
  const tagsHeader = c.req.header('x-switchyard-tags');
  if (metadataHeader === undefined && tagsHeader === undefined) return controls;
  const merged: RequestControls = { ...controls };
  if (metadataHeader !== undefined) {
    merged.metadata = { ...parseMetadata(metadataHeader), ...controls.metadata };
  }
  if (tagsHeader !== undefined) {
    const tags = tagsHeader
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    merged.tags = [...new Set([...tags, ...(controls.tags ?? [])])];
  }
  return merged;
}

function parseMetadata(header: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(header);
  } catch {
    value = undefined;
  }
  const result = requestMetadataSchema.safeParse(value);
  if (!result.success) {
    throw new InvalidRequestError({
      message:
        'x-switchyard-metadata must be a JSON object of string values, without __proto__, constructor or prototype keys.',
      param: 'x-switchyard-metadata',
    });
  }
  return result.data;
}
