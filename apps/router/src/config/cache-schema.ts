import { z } from 'zod';

/** 10 seconds to one year. */
export const cacheTtlSchema = z.number().int().min(10).max(31_536_000);

/** The response cache's defaults; aliases and requests can turn it on or off and set the TTL. */
export const cacheSchema = z
  .strictObject({
    /** Off by default: a request, an alias or this switch turns caching on. */
    enabled: z.boolean().default(false),
    ttlSeconds: cacheTtlSchema.default(3_600),
    /** Entries larger than this (serialized) are not stored. */
    maxEntryBytes: z.number().int().min(1_024).max(10_000_000).default(1_000_000),
    /** Concurrent identical misses wait this long for the first one's answer. */
    singleFlightWaitMs: z.number().int().min(0).max(120_000).default(15_000),
  })
  .prefault({});

export const aliasCacheSchema = z
  .strictObject({ enabled: z.boolean().optional(), ttlSeconds: cacheTtlSchema.optional() })
  .optional();

export type CacheConfig = z.infer<typeof cacheSchema>;
