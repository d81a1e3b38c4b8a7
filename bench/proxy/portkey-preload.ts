/**
 * Preloaded into the Portkey gateway (`node --import`): its streaming path appends to the
 * headers of a `fetch` response, which are immutable on Node (`TypeError: immutable`), so
 * every response is handed back with a mutable copy of its headers.
 */
const originalFetch = globalThis.fetch;
globalThis.fetch = async function fetchWithMutableHeaders(input, init) {
  const response = await originalFetch(input, init);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  });
};
