/** What happened on one try of one target; reported in headers, metadata and the log. */
export interface AttemptRecord {
  target: string;
  outcome: 'ok' | 'error';
  status?: number;
  code?: string;
  durationMs: number;
}
