import type { SharedV4ProviderMetadata, SharedV4ProviderOptions } from '@ai-sdk/provider';

const prefix = 'sy1.';

/**
 * What a provider needs to accept its own reasoning back (Anthropic's thinking signature,
 * OpenAI's encrypted reasoning), carried through a stateless client in the reasoning item's
 * `encrypted_content`. Each provider package reads only its own namespace, so another provider
 * ignores it. OpenAI item ids are left out: with nothing stored they would name items that do
 * not exist.
 * @example
 * const sealed = sealReasoning({ anthropic: { signature: 'abc' } }); // 'sy1.eyJhbnRo…'
 * openReasoning(sealed); // { anthropic: { signature: 'abc' } }
 */
export function sealReasoning(metadata: SharedV4ProviderMetadata | undefined): string | undefined {
  if (metadata === undefined) return undefined;
  const kept: Record<string, Record<string, unknown>> = {};
  for (const [namespace, values] of Object.entries(metadata)) {
    const { itemId: _itemId, ...rest } = values as Record<string, unknown>;
    const present = Object.entries(rest).filter(([, value]) => value != null);
    if (present.length > 0) kept[namespace] = Object.fromEntries(present);
  }
  if (Object.keys(kept).length === 0) return undefined;
  return prefix + toBase64Url(JSON.stringify(kept));
}

/**
 * The provider options sealed by `sealReasoning`. Anything else is OpenAI's own encrypted
 * reasoning (a conversation begun at OpenAI), which only an OpenAI target reads.
 */
export function openReasoning(
  sealed: string | null | undefined,
): SharedV4ProviderOptions | undefined {
  if (sealed == null || sealed === '') return undefined;
  if (!sealed.startsWith(prefix)) return { openai: { reasoningEncryptedContent: sealed } };
  try {
    const value: unknown = JSON.parse(fromBase64Url(sealed.slice(prefix.length)));
    return isOptions(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isOptions(value: unknown): value is SharedV4ProviderOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (entry) => typeof entry === 'object' && entry !== null && !Array.isArray(entry),
  );
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return decoder.decode(Uint8Array.from(binary, (character) => character.charCodeAt(0)));
}
