/** Text for numbers as the dashboard shows them; `—` where there is nothing to show. */

const none = '—';

/** @example formatCount(12345) // '12,345' */
export const formatCount = (value: number | null | undefined): string =>
  value === null || value === undefined ? none : value.toLocaleString('en-US');

/**
 * US dollars with enough digits to show small spend (three significant digits below a cent).
 * @example formatMoney(0.000123) // '$0.000123'
 */
export function formatMoney(value: number | null | undefined): string {
  if (value === null || value === undefined) return none;
  if (value === 0) return '$0.00';
  const digits = Math.min(10, Math.max(2, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return `$${value.toFixed(digits)}`;
}

/** @example formatPercent(0.1234) // '12.3%' */
export const formatPercent = (ratio: number | null | undefined): string =>
  ratio === null || ratio === undefined ? none : `${(ratio * 100).toFixed(1)}%`;

/** @example formatMs(1530) // '1.53 s' */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return none;
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

/** A time in the viewer's zone, to the second. */
export function formatTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return none;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return none;
  return date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}
