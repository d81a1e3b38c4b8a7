/** Where the dashboard is: the page, an optional id (a request's) and the page's own settings. */
export interface HashRoute {
  page: string;
  id?: string;
  params: URLSearchParams;
}

/**
 * Reads `#/requests/req_…?model=chat`. State lives in the fragment, which never reaches the
 * server, so filters and cursors survive a reload and the back button without a request.
 * @example parseHash('#/requests?status=error') // { page: 'requests', params: status=error }
 */
export function parseHash(hash: string): HashRoute {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [page = '', id] = path.split('/', 2).map((part) => decodeURIComponent(part));
  const route: HashRoute = { page: page || 'overview', params: new URLSearchParams(query) };
  if (id) route.id = id;
  return route;
}

/**
 * The fragment for a page, its id and settings (empty settings left out).
 * @example hashOf('requests', { status: 'error' }) // '#/requests?status=error'
 */
export function hashOf(
  page: string,
  params: Record<string, string | undefined> = {},
  id?: string,
): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const path = id === undefined ? page : `${page}/${encodeURIComponent(id)}`;
  const search = query.toString();
  return `#/${path}${search === '' ? '' : `?${search}`}`;
}
