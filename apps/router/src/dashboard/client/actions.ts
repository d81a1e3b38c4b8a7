import { h, replace } from './dom.ts';
import { errorNotice } from './panel.ts';

/** Runs a change and shows its outcome; see `actionRunner`. */
export type Run = <Answer>(work: Promise<Answer>, show?: (answer: Answer) => Node) => Promise<void>;

/**
 * What a page's buttons and forms run their changes through: the outcome (what `show` makes
 * of the answer, or the router's error) goes in `notices`, then `afterwards` reloads the list.
 * @example const run = actionRunner(notices, () => list.refresh());
 */
export function actionRunner(notices: Element, afterwards: () => unknown): Run {
  return async (work, show) => {
    try {
      const answer = await work;
      replace(notices, show?.(answer));
      afterwards();
    } catch (error) {
      replace(notices, errorNotice(error));
    }
  };
}

/** Opens `content` in a row under `tableRow`, or closes the one open there (answers false). */
export function toggleDrawer(tableRow: HTMLTableRowElement, content: () => Node): boolean {
  const next = tableRow.nextElementSibling;
  if (next instanceof HTMLTableRowElement && next.classList.contains('drawer')) {
    next.remove();
    return false;
  }
  tableRow.after(
    h('tr', { class: 'drawer' }, h('td', { colspan: tableRow.cells.length }, content())),
  );
  return true;
}
