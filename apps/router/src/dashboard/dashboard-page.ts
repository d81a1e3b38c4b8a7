import type { DashboardAssets } from './dashboard-asset.ts';

/** Where the bundled script and styles are served. */
export const assetsPath = '/dashboard/assets';

/**
 * The page's policy: scripts, styles and API calls from this origin only; no inline script or
 * style, no eval, no plugins, no framing, no form posts (forms are handled by the script).
 * uPlot styles elements through the CSSOM, which `style-src 'self'` allows.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every dashboard answer carries. */
export const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/**
 * The page shell: the script builds everything else once it has a key. The favicon is an empty
 * data URL, so the browser asks the router for nothing that does not exist.
 * @example c.html(dashboardPage(dashboardAssets), 200, pageHeaders)
 */
export function dashboardPage(assets: DashboardAssets): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Switchyard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetsPath}/${assets.style.name}">
<script type="module" src="${assetsPath}/${assets.script.name}"></script>
</head>
<body>
<div id="app"><noscript>The dashboard needs JavaScript.</noscript></div>
</body>
</html>
`;
}
