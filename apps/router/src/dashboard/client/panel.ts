import { ApiError } from './api.ts';
import { type Child, h, replace } from './dom.ts';
import { formatTime } from './format.ts';

/**
 * A titled panel that fills itself from one API request: loading text first, then what `load`
 * builds, or the router's error message. One request per panel, never one per row.
 * @example panel('Keys', async () => keyTable(await api('/api/v1/usage/keys')))
 */
export function panel(
  title: string,
  load: () => Promise<Child>,
  options: { name?: string; actions?: Child } = {},
): Panel {
  const body = h(
    'div',
    { class: 'panel-body', 'aria-busy': 'true' },
    h('p', { class: 'muted' }, 'Loading…'),
  );
  const element = h(
    'section',
    { class: 'panel', 'data-panel': options.name ?? title.toLowerCase() },
    h('header', { class: 'panel-header' }, h('h2', null, title), options.actions),
    body,
  );
  const refresh = async () => {
    body.setAttribute('aria-busy', 'true');
    try {
      replace(body, await load());
    } catch (error) {
      replace(body, errorNotice(error));
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  };
  void refresh();
  return Object.assign(element, { refresh });
}

/** A panel that can load itself again (after a change made elsewhere on the page). */
export type Panel = HTMLElement & { refresh: () => Promise<void> };

/** The error as the operator should read it: the router's message and status. */
export function errorNotice(error: unknown): HTMLElement {
  const status = error instanceof ApiError ? `${error.status}: ` : '';
  const message = error instanceof Error ? error.message : String(error);
  return h('p', { class: 'error', role: 'alert' }, status, message);
}

/**
 * A table that scrolls sideways on a narrow screen rather than squeezing its columns.
 * @example table(['Model', 'Requests'], rows.map((entry) => row([entry.key, numeric('3')])))
 */
export function table(headings: readonly string[], rows: readonly HTMLTableRowElement[]) {
  if (rows.length === 0) return h('p', { class: 'muted' }, 'Nothing here yet.');
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headings.map((text) => h('th', null, text)),
        ),
      ),
      h('tbody', null, rows),
    ),
  );
}

/** A row of cells: each child becomes a cell, unless it is one already (see `numeric`). */
export function row(cells: readonly Child[], attributes: Record<string, string> = {}) {
  return h(
    'tr',
    attributes,
    cells.map((cell) => (cell instanceof HTMLTableCellElement ? cell : h('td', null, cell))),
  );
}

/** A right-aligned cell for a number (already formatted). */
export const numeric = (text: string, attributes: Record<string, string> = {}) =>
  h('td', { class: 'number', ...attributes }, text);

/** A time as a `<time>` element (kept on one line), in the viewer's zone. */
export function timeOf(value: string | number | null | undefined) {
  const date = value === null || value === undefined ? undefined : new Date(value);
  const valid = date !== undefined && !Number.isNaN(date.getTime());
  return h('time', { datetime: valid ? date.toISOString() : false }, formatTime(value));
}
