// sessionStorage: the key lives as long as the tab, is never written to disk by us and never
// goes into a URL, so it cannot leak through history, logs or a Referer header.
const storageKey = 'switchyard.dashboard.key';

/** The management key this tab signed in with. */
export function signedInKey(): string | undefined {
  return sessionStorage.getItem(storageKey) ?? undefined;
}

/** Keeps the key for this tab, once the router accepted it. */
export function signIn(key: string): void {
  sessionStorage.setItem(storageKey, key);
}

/** Forgets the key: on the Sign out button, and when the router refuses it. */
export function signOut(): void {
  sessionStorage.removeItem(storageKey);
}
