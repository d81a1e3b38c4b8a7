import { Hono } from 'hono';
import type { RouterEnv } from '../context.ts';
import { InvalidRequestError, NotFoundError } from '../errors/index.ts';
import {
  assetsPath,
  contentSecurityPolicy,
  dashboardPage,
  securityHeaders,
} from './dashboard-page.ts';
import { dashboardAssets } from './generated/dashboard-assets.ts';

/**
 * `GET /dashboard`, the operator dashboard: a static page and its bundled assets (served from
 * the Worker's own bundle, no file system or CDN). It needs no key to load; it asks for a
 * management key and calls the management and observability APIs with it, one request per panel.
 * @example app.route('/', dashboardRoutes());
 */
export function dashboardRoutes(): Hono<RouterEnv> {
  const routes = new Hono<RouterEnv>();
  const assets = dashboardAssets;
  const page = dashboardPage(assets);
  const byName = new Map([assets.script, assets.style].map((asset) => [asset.name, asset]));
  const pageHeaders = {
    ...securityHeaders,
    'content-security-policy': contentSecurityPolicy,
    'x-frame-options': 'DENY',
    // The page names the assets by their hash: it must be fetched afresh to pick up a new build.
    'cache-control': 'no-cache',
  };
  routes.get('/dashboard', (c) => c.html(page, 200, pageHeaders));
  routes.get('/dashboard/', (c) => c.redirect('/dashboard', 301));
  routes.get(`${assetsPath}/:name`, (c) => {
    const asset = byName.get(c.req.param('name'));
    if (asset === undefined) throw new NotFoundError('No such dashboard asset.');
    return c.body(asset.text, 200, {
      ...securityHeaders,
      'content-type': asset.contentType,
      // A changed asset gets a new name, so this one never changes.
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });
  const methodNotAllowed = new InvalidRequestError({
    message: 'Method not allowed: the dashboard and its assets accept GET.',
    statusCode: 405,
    code: 'method_not_allowed',
  });
  for (const path of ['/dashboard', `${assetsPath}/:name`]) {
    routes.all(path, (c) => c.json(methodNotAllowed.toJSON(), 405, { allow: 'GET' }));
  }
  return routes;
}
