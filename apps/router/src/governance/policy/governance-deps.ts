import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { GuardedStore } from '../../store/store-result.ts';
import type { PrincipalLookup } from '../records/load-principal.ts';

/** What the policy and settle stages share across requests. */
export interface GovernanceDeps {
  store: GuardedStore;
  /** Re-reads a stored key and its team when admission finds the cached copy stale. */
  reload: (hash: string) => Promise<PrincipalLookup>;
  /** Where budget alerts go, with the resolved signing secret; none when unset. */
  alerts?: { url: string; secret: string; fetch?: FetchFunction };
  /** Epoch ms (default `Date.now`). */
  now?: () => number;
}
