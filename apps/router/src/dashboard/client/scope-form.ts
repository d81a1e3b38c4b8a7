import type { KeyView, TeamView } from '../../governance/records/describe-record.ts';
import type { usageFields } from '../../protocols/management/usage-fields.ts';
import { h, listen } from './dom.ts';
import { field, selectField } from './form-fields.ts';
import { formatMoney } from './format.ts';

/** A team's or key's budget and spend, as `/api/v1/usage/*` lists them. */
export type Usage = ReturnType<typeof usageFields>;

type Scope = Pick<
  KeyView | TeamView,
  'limit' | 'limit_reset' | 'rpm' | 'tpm' | 'max_parallel' | 'models' | 'expires_at'
>;

const resets = [
  ['', 'for all time'],
  ['daily', 'daily'],
  ['weekly', 'weekly'],
  ['monthly', 'monthly'],
] as const;

/** The limit and allowlist fields every team and key form has, filled from `current` when editing. */
export function scopeFields(current?: Scope): Node[] {
  const text = (value: number | null | undefined) =>
    value === null || value === undefined ? '' : String(value);
  return [
    field('Budget (US$)', { name: 'limit', inputmode: 'decimal', value: text(current?.limit) }),
    selectField('Budget resets', 'limit_reset', resets, current?.limit_reset ?? ''),
    field('Requests per minute', { name: 'rpm', inputmode: 'numeric', value: text(current?.rpm) }),
    field('Tokens per minute', { name: 'tpm', inputmode: 'numeric', value: text(current?.tpm) }),
    field('Requests in flight', {
      name: 'max_parallel',
      inputmode: 'numeric',
      value: text(current?.max_parallel),
    }),
    h(
      'label',
      { class: 'field wide' },
      h('span', null, 'Models allowed (one per line or comma; empty = all)'),
      h(
        'textarea',
        { name: 'models', rows: 2, placeholder: 'chat, openai/*' },
        (current?.models ?? []).join('\n'),
      ),
    ),
    field('Expires', {
      name: 'expires_at',
      type: 'datetime-local',
      value: localTime(current?.expires_at),
    }),
  ];
}

const numberFields = ['limit', 'rpm', 'tpm', 'max_parallel'] as const;

/**
 * The JSON a form's values ask for. Creating leaves empty fields out; editing sends them as
 * null, which clears them. A value that is not a number goes as typed, for the API to explain.
 * @example scopeBody({ limit: '5', models: 'chat, openai/*' }, 'create') // { limit: 5, models: [...] }
 */
export function scopeBody(values: Record<string, string>, mode: 'create' | 'edit') {
  const body: Record<string, unknown> = {};
  const put = (name: string, value: unknown, empty: boolean) => {
    if (!empty) body[name] = value;
    else if (mode === 'edit') body[name] = null;
  };
  for (const name of numberFields) {
    const value = values[name] ?? '';
    put(name, value !== '' && Number.isFinite(Number(value)) ? Number(value) : value, value === '');
  }
  put('limit_reset', values.limit_reset, !values.limit_reset);
  const models = (values.models ?? '').split(/[\s,]+/).filter((model) => model !== '');
  put('models', models, models.length === 0);
  const expires = values.expires_at ?? '';
  put('expires_at', expires === '' ? null : new Date(expires).toISOString(), expires === '');
  return body;
}

/** An ISO time as a `datetime-local` input wants it (the viewer's zone, to the minute). */
function localTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Spend against the budget of its period (all time without a reset): a meter and figures. */
export function usageMeter(usage: Usage) {
  if (usage.limit === null) {
    const text = `${formatMoney(usage.usage)} spent, no budget`;
    return h('span', { 'data-usage': String(usage.usage) }, text);
  }
  const reset = usage.limit_reset;
  const spent = reset === null ? usage.usage : usage[`usage_${reset}`];
  return h(
    'span',
    { class: 'usage', 'data-usage': String(spent), 'data-limit': String(usage.limit) },
    h('meter', { min: 0, max: usage.limit, value: spent, high: usage.limit * 0.8, optimum: 0 }),
    ` ${formatMoney(spent)} of ${formatMoney(usage.limit)} (${reset ?? 'all time'})`,
  );
}

/** Limits in one line: rpm, tpm, in flight, and the model allowlist. */
export function limitsText(scope: Scope): string {
  const parts = [
    scope.rpm === null ? null : `${scope.rpm} rpm`,
    scope.tpm === null ? null : `${scope.tpm} tpm`,
    scope.max_parallel === null ? null : `${scope.max_parallel} in flight`,
    scope.models === null ? 'all models' : `models: ${scope.models.join(', ')}`,
  ];
  return parts.filter((part) => part !== null).join(' · ');
}

/**
 * A button that asks once more before it acts: the first click arms it, the second runs
 * `action` (no `confirm()` dialog, which phones and test browsers handle badly).
 */
export function confirmButton(label: string, confirmLabel: string, action: () => void) {
  const button = h('button', { type: 'button', class: 'danger' }, label);
  return listen(button, 'click', () => {
    if (button.dataset.armed === 'true') return action();
    button.dataset.armed = 'true';
    button.textContent = confirmLabel;
  });
}

/** A key shown once, right after it was made: copy it now, it is never shown again. */
export function secretBox(title: string, key: string) {
  const input = h('input', {
    type: 'text',
    readonly: true,
    value: key,
    'data-testid': 'new-key',
    'aria-label': 'New key',
  });
  const copy = listen(h('button', { type: 'button' }, 'Copy'), 'click', () => {
    input.select();
    void navigator.clipboard?.writeText(key).catch(() => undefined);
  });
  const box = h(
    'div',
    { class: 'secret', role: 'status' },
    h('strong', null, title),
    h('p', null, 'Copy it now: it is not shown again.'),
    h('div', { class: 'secret-row' }, input, copy),
  );
  box.append(listen(h('button', { type: 'button' }, 'Done'), 'click', () => box.remove()));
  return box;
}
