/**
 * Where request records and rollups live in the store. Time buckets are numbered from the epoch
 * (UTC minutes, hours and days), so a range of time is a range of key names: no scan.
 */
export const minuteMs = 60_000;
export const hourMs = 3_600_000;
export const dayMs = 86_400_000;

export type Granularity = 'minute' | 'hour' | 'day';

export const granularityMs: Record<Granularity, number> = {
  minute: minuteMs,
  hour: hourMs,
  day: dayMs,
};

const granularityCode: Record<Granularity, string> = { minute: 'm', hour: 'h', day: 'd' };

export const observabilityKeys = {
  /** Hash: the records of requests that arrived in one minute, request id -> record JSON. */
  log: (minute: number) => `sy:obs:log:${minute}`,
  /**
   * Hash: what retention needs. `m:<minute>` and `h:<hour>` record counts, `total`, and `oldest`
   * (the oldest minute that still holds records).
   */
  index: 'sy:obs:index',
  /**
   * Hash: which values one hour's records hold, with counts: `n` (all), `k:<key id>`, `t:<team>`,
   * `m:<model>`, `p:<provider>`, `s:<status>`, `c:<http status>`. The request log reads only the
   * minutes of hours that hold what it filters for.
   */
  presence: (hour: number) => `sy:obs:hours:${hour}`,
  /**
   * Hash: a rollup, group (`model\tprovider\tkey\tteam`) -> sparse counter vector. Hour rollups
   * fold the keys into `*`.
   */
  rollup: (granularity: Granularity, bucket: number) =>
    `sy:obs:roll:${granularityCode[granularity]}:${bucket}`,
  /** Hash: all-time `/metrics` series, labels (tab-separated) -> sparse counter vector. */
  metrics: 'sy:obs:metrics',
  /** Hash: all-time `/metrics` series per key, `label\tteam` -> sparse counter vector. */
  keyMetrics: 'sy:obs:metrics:keys',
  /** Hash: key id -> `label\tteam`, so stats name the keys they group by. */
  keyNames: 'sy:obs:keys',
} as const;

/** The key id of every group of an hour rollup: hours fold the keys (minutes and days keep them). */
export const allKeys = '*';

/** The field a rollup or metrics hash folds new groups into once it holds its cap of them. */
export const overflowField = '~other';

/**
 * The bucket `time` falls in.
 * @example bucketOf('hour', Date.UTC(2026, 0, 1, 5, 30)) // hours since the epoch
 */
export function bucketOf(granularity: Granularity, time: number): number {
  return Math.floor(time / granularityMs[granularity]);
}
