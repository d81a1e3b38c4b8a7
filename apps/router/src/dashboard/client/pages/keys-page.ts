import type { KeyView } from '../../../governance/records/describe-record.ts';
import { actionRunner, type Run, toggleDrawer } from '../actions.ts';
import { api } from '../api.ts';
import { h, listen } from '../dom.ts';
import { field, form, selectField } from '../form-fields.ts';
import { panel, row, table, timeOf } from '../panel.ts';
import {
  confirmButton,
  limitsText,
  scopeBody,
  scopeFields,
  secretBox,
  type Usage,
  usageMeter,
} from '../scope-form.ts';

type KeyRow = KeyView & { usage: Usage };
type Created = { key: string; data: KeyView };

const roles = [
  ['inference', 'inference (model calls)'],
  ['viewer', 'viewer (reads the management API)'],
  ['admin', 'admin (manages keys and teams)'],
] as const;
const graces = [
  ['0', 'no time: it stops now'],
  ['3600', '1 hour'],
  ['86400', '1 day'],
] as const;

/** Keys: create (shown once), edit limits and allowlists, rotate, revoke; spend against budget. */
export function keysPage(): HTMLElement {
  const notices = h('div', { class: 'notices', 'aria-live': 'polite' });
  const list = panel('Keys', async () => {
    const { data } = await api<{ data: KeyRow[] }>('/api/v1/usage/keys', {
      query: { include_disabled: 'true', limit: 500 },
    });
    return keyTable(data, run);
  });
  const run = actionRunner(notices, () => list.refresh());
  const create = form(
    { class: 'scope-form', 'data-form': 'create-key' },
    [
      field('Name', { name: 'name', required: true }),
      field('Team', { name: 'team_id', placeholder: 'team id (optional)' }),
      selectField('Role', 'role', roles, 'inference'),
      ...scopeFields(),
      h('button', { type: 'submit' }, 'Create key'),
    ],
    (values, element) => {
      const body = {
        name: values.name,
        role: values.role,
        ...(values.team_id && { team_id: values.team_id }),
        ...scopeBody(values, 'create'),
      };
      void run(api<Created>('/api/v1/keys', { method: 'POST', body }), (created) => {
        element.reset();
        return secretBox(`Key "${created.data.name}" created (${created.data.label})`, created.key);
      });
    },
  );
  return h(
    'div',
    { class: 'page' },
    h(
      'section',
      { class: 'panel', 'data-panel': 'new key' },
      h('header', { class: 'panel-header' }, h('h2', null, 'New key')),
      h('div', { class: 'panel-body' }, create),
    ),
    notices,
    list,
  );
}

function statusOf(key: KeyView): string {
  if (key.disabled) return 'revoked';
  if (key.expires_at !== null && Date.parse(key.expires_at) <= Date.now()) return 'expired';
  return 'active';
}

function keyTable(keys: readonly KeyRow[], run: Run) {
  return table(
    ['Name', 'Key', 'Team', 'Role', 'Status', 'Spend', 'Limits', 'Expires', ''],
    keys.map((key) => {
      const path = `/api/v1/keys/${encodeURIComponent(key.hash)}`;
      const status = statusOf(key);
      const patch = (body: Record<string, unknown>) => run(api(path, { method: 'PATCH', body }));
      const actions = h('div', { class: 'actions' });
      const tableRow = row(
        [
          key.name,
          h('code', { class: 'key-label' }, key.label),
          key.team_id ?? '—',
          key.role,
          h('span', { class: `badge key-${status}` }, status),
          usageMeter(key.usage),
          limitsText(key),
          timeOf(key.expires_at),
          actions,
        ],
        { 'data-key': key.hash, 'data-name': key.name, 'data-status': status },
      );
      actions.append(
        listen(h('button', { type: 'button' }, 'Edit'), 'click', () =>
          toggleDrawer(tableRow, () =>
            form(
              { class: 'scope-form', 'data-form': 'edit-key' },
              [
                field('Name', { name: 'name', value: key.name }),
                ...scopeFields(key),
                h('button', { type: 'submit' }, 'Save'),
              ],
              (values) => void patch({ name: values.name, ...scopeBody(values, 'edit') }),
            ),
          ),
        ),
        listen(h('button', { type: 'button' }, 'Rotate'), 'click', () =>
          toggleDrawer(tableRow, () =>
            form(
              { class: 'scope-form', 'data-form': 'rotate-key' },
              [
                selectField('The old key keeps working for', 'grace_seconds', graces, '0'),
                h('button', { type: 'submit' }, `Rotate ${key.label}`),
              ],
              (values) => {
                const body = { grace_seconds: Number(values.grace_seconds) };
                void run(api<Created>(`${path}/rotate`, { method: 'POST', body }), (rotated) =>
                  secretBox(`New key for "${key.name}" (${rotated.data.label})`, rotated.key),
                );
              },
            ),
          ),
        ),
        key.disabled
          ? listen(h('button', { type: 'button' }, 'Restore'), 'click', () => {
              void patch({ disabled: false });
            })
          : confirmButton('Revoke', 'Confirm revoke', () => void patch({ disabled: true })),
      );
      return tableRow;
    }),
  );
}
