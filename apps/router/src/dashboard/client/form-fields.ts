import { type Attributes, h } from './dom.ts';

/**
 * A labelled input. Its `name` is what `formValues` reports it under.
 * @example field('Model', { name: 'model', placeholder: 'chat' })
 */
export function field(label: string, attributes: Attributes, hint?: string) {
  return h(
    'label',
    { class: 'field' },
    h('span', null, label),
    h('input', { type: 'text', autocomplete: 'off', ...attributes }),
    hint === undefined ? null : h('small', { class: 'muted' }, hint),
  );
}

/** A labelled select; `options` are [value, text] pairs. */
export function selectField(
  label: string,
  name: string,
  options: readonly (readonly [string, string])[],
  selected = '',
) {
  return h(
    'label',
    { class: 'field' },
    h('span', null, label),
    h(
      'select',
      { name },
      options.map(([value, text]) => h('option', { value, selected: value === selected }, text)),
    ),
  );
}

/** Every named input, select and textarea of a form, trimmed. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const element of Array.from(form.elements)) {
    if (
      (element instanceof HTMLInputElement ||
        element instanceof HTMLSelectElement ||
        element instanceof HTMLTextAreaElement) &&
      element.name !== ''
    ) {
      values[element.name] = element.value.trim();
    }
  }
  return values;
}

/**
 * A form handled here, never submitted by the browser (the CSP's `form-action 'none'` would
 * refuse it anyway): `onSubmit` gets its values.
 */
export function form(
  attributes: Attributes,
  children: Node[],
  onSubmit: (values: Record<string, string>, form: HTMLFormElement) => void,
): HTMLFormElement {
  const element = h('form', { ...attributes, novalidate: true }, children);
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(formValues(element), element);
  });
  return element;
}
