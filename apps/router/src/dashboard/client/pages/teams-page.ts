import type { TeamView } from '../../../governance/records/describe-record.ts';
import { actionRunner, type Run, toggleDrawer } from '../actions.ts';
import { api } from '../api.ts';
import { h, listen } from '../dom.ts';
import { field, form } from '../form-fields.ts';
import { formatCount } from '../format.ts';
import { hashOf } from '../hash-route.ts';
import { numeric, panel, row, table } from '../panel.ts';
import {
  confirmButton,
  limitsText,
  scopeBody,
  scopeFields,
  type Usage,
  usageMeter,
} from '../scope-form.ts';

type TeamRow = TeamView & { usage: Usage; key_count: number };

/** Teams: create, edit limits and allowlists, disable, delete; spend against budget. */
export function teamsPage(): HTMLElement {
  const notices = h('div', { class: 'notices', 'aria-live': 'polite' });
  const list = panel('Teams', async () => {
    const { data } = await api<{ data: TeamRow[] }>('/api/v1/usage/teams');
    return teamTable(data, run);
  });
  const run = actionRunner(notices, () => list.refresh());
  const create = form(
    { class: 'scope-form', 'data-form': 'create-team' },
    [
      field('Id', { name: 'id', placeholder: 'research (optional)' }),
      field('Name', { name: 'name', required: true }),
      ...scopeFields(),
      h('button', { type: 'submit' }, 'Create team'),
    ],
    (values, element) => {
      const body = {
        name: values.name,
        ...(values.id && { id: values.id }),
        ...scopeBody(values, 'create'),
      };
      void run(api('/api/v1/teams', { method: 'POST', body }), () => {
        element.reset();
        return h('p', { class: 'ok' }, `Team "${values.name}" created.`);
      });
    },
  );
  return h(
    'div',
    { class: 'page' },
    h(
      'section',
      { class: 'panel', 'data-panel': 'new team' },
      h('header', { class: 'panel-header' }, h('h2', null, 'New team')),
      h('div', { class: 'panel-body' }, create),
    ),
    notices,
    list,
  );
}

function teamTable(teams: readonly TeamRow[], run: Run) {
  return table(
    ['Id', 'Name', 'Status', 'Keys', 'Spend', 'Limits', ''],
    teams.map((team) => {
      const path = `/api/v1/teams/${encodeURIComponent(team.id)}`;
      const patch = (body: Record<string, unknown>) => run(api(path, { method: 'PATCH', body }));
      const actions = h('div', { class: 'actions' });
      const tableRow = row(
        [
          h('a', { href: hashOf('requests', { team: team.id }) }, team.id),
          team.name,
          h(
            'span',
            { class: `badge key-${team.disabled ? 'revoked' : 'active'}` },
            team.disabled ? 'disabled' : 'active',
          ),
          numeric(formatCount(team.key_count)),
          usageMeter(team.usage),
          limitsText(team),
          actions,
        ],
        { 'data-team': team.id },
      );
      actions.append(
        listen(h('button', { type: 'button' }, 'Edit'), 'click', () =>
          toggleDrawer(tableRow, () =>
            form(
              { class: 'scope-form', 'data-form': 'edit-team' },
              [
                field('Name', { name: 'name', value: team.name }),
                ...scopeFields(team),
                h('button', { type: 'submit' }, 'Save'),
              ],
              (values) => void patch({ name: values.name, ...scopeBody(values, 'edit') }),
            ),
          ),
        ),
        team.disabled
          ? listen(h('button', { type: 'button' }, 'Enable'), 'click', () => {
              void patch({ disabled: false });
            })
          : confirmButton('Disable', 'Confirm disable', () => void patch({ disabled: true })),
        confirmButton('Delete', 'Confirm delete', () => void run(api(path, { method: 'DELETE' }))),
      );
      return tableRow;
    }),
  );
}
