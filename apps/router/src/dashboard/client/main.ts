import { whenRefused } from './api.ts';
import { disposeCharts } from './charts.ts';
import { h, listen, replace } from './dom.ts';
import { type HashRoute, hashOf, parseHash } from './hash-route.ts';
import { auditPage } from './pages/audit-page.ts';
import { keysPage } from './pages/keys-page.ts';
import { overviewPage } from './pages/overview-page.ts';
import { providersPage } from './pages/providers-page.ts';
import { requestDetailPage } from './pages/request-detail-page.ts';
import { requestsPage } from './pages/requests-page.ts';
import { signInPage } from './pages/sign-in-page.ts';
import { teamsPage } from './pages/teams-page.ts';
import { signedInKey, signOut } from './session.ts';

/** The dashboard's pages, in the order of the navigation. */
const pages: Record<string, { title: string; render: (route: HashRoute) => HTMLElement }> = {
  overview: { title: 'Overview', render: (route) => overviewPage(route.params) },
  providers: { title: 'Providers', render: () => providersPage() },
  requests: {
    title: 'Requests',
    render: (route) =>
      route.id === undefined ? requestsPage(route.params) : requestDetailPage(route.id),
  },
  keys: { title: 'Keys', render: () => keysPage() },
  teams: { title: 'Teams', render: () => teamsPage() },
  audit: { title: 'Audit log', render: (route) => auditPage(route.params) },
};

const root = document.getElementById('app') as HTMLElement;

function render(notice?: string): void {
  disposeCharts();
  if (signedInKey() === undefined) {
    document.title = 'Sign in · Switchyard';
    replace(
      root,
      signInPage(notice, () => render()),
    );
    return;
  }
  const route = parseHash(location.hash);
  const page = Object.hasOwn(pages, route.page) ? pages[route.page] : undefined;
  document.title = `${page?.title ?? 'Not found'} · Switchyard`;
  replace(
    root,
    navigation(route.page),
    h(
      'main',
      {
        id: 'main',
        'data-page': page === undefined ? 'none' : route.page,
        // Which fragment this render is of: tests wait for it rather than for time.
        'data-route': location.hash,
      },
      page?.render(route) ?? h('p', null, 'No such page.'),
    ),
  );
}

function navigation(current: string): HTMLElement {
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: hashOf('overview') }, 'Switchyard'),
    h(
      'nav',
      { 'aria-label': 'Pages' },
      Object.entries(pages).map(([name, { title }]) =>
        h('a', { href: hashOf(name), 'aria-current': name === current ? 'page' : false }, title),
      ),
    ),
    h(
      'div',
      { class: 'top-actions' },
      listen(h('button', { type: 'button' }, 'Refresh'), 'click', () => render()),
      listen(h('button', { type: 'button' }, 'Sign out'), 'click', () => {
        signOut();
        render();
      }),
    ),
  );
}

whenRefused((message) => {
  signOut();
  render(message);
});
window.addEventListener('hashchange', () => render());
render();
