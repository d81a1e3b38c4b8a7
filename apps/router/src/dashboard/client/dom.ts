/** What an element can hold: nodes, and text (always as text, never parsed as HTML). */
export type Child = Node | string | number | false | null | undefined | readonly Child[];

/** Attributes, set with `setAttribute`; `false`, null and undefined leave one out. */
export type Attributes = Record<string, string | number | boolean | null | undefined>;

/**
 * Builds an element. Everything from the API goes in as text nodes or attribute values, so
 * names and metadata (free text) can never become markup; `on*` attributes are refused, since
 * handlers are attached with `listen`.
 * @example h('td', { class: 'number' }, formatCount(row.requests))
 */
export function h<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Attributes | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (/^on/i.test(name)) throw new Error(`h(): attach ${name} with listen()`);
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (text as text nodes) to `parent`. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * Attaches a listener and hands the element back, so it can be built in one expression.
 * @example listen(h('button', null, 'Revoke'), 'click', () => revoke(key))
 */
export function listen<Target extends HTMLElement, Type extends keyof HTMLElementEventMap>(
  element: Target,
  type: Type,
  handler: (event: HTMLElementEventMap[Type]) => void,
): Target {
  element.addEventListener(type, handler);
  return element;
}
