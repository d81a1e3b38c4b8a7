import { api } from '../api.ts';
import { h, listen, replace } from '../dom.ts';
import { errorNotice } from '../panel.ts';
import { signIn } from '../session.ts';

/**
 * Asks for a management key and checks it against the management API before keeping it. The
 * input has no `name` and the form is never submitted, so the key cannot end up in a URL.
 */
export function signInPage(notice: string | undefined, signedIn: () => void): HTMLElement {
  const input = h('input', {
    type: 'password',
    id: 'management-key',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    placeholder: 'sk-…',
  });
  const message = h(
    'div',
    { 'aria-live': 'polite' },
    notice === undefined ? null : h('p', { class: 'error' }, notice),
  );
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'sign-in', novalidate: true },
    h('h1', null, 'Switchyard'),
    h(
      'p',
      { class: 'muted' },
      'Sign in with the admin key or a management key (role admin or viewer).',
    ),
    h('label', { for: 'management-key' }, 'Management key'),
    input,
    button,
    message,
  );
  listen(form, 'submit', (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key === '') return;
    button.disabled = true;
    // The audit log answers management keys only: an inference key gets its 403 here.
    api('/api/v1/audit', { query: { limit: 1 }, key }).then(
      () => {
        signIn(key);
        signedIn();
      },
      (error: unknown) => {
        button.disabled = false;
        replace(message, errorNotice(error));
      },
    );
  });
  return h('main', { class: 'sign-in-page' }, form);
}
