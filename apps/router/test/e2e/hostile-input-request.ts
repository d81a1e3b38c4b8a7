/** One hostile request as plain data, and the helpers every table builds its requests with. */
import { type Expected, hostileSecrets } from './hostile-input-answers.ts';

export interface HostileRequest extends Expected {
  /** The group it is reported in; groups that must not reach an upstream end in `(no upstream)`. */
  route: string;
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

export const hostileAdminKey = 'sk-test-admin';
/** Small enough that an oversized body is cheap to send. */
export const hostileMaxBodyBytes = 64 * 1024;
const authorization = `Bearer ${hostileAdminKey}`;

export const badAuthorizations: Record<string, Record<string, string>> = {
  'no Authorization header': {},
  'a wrong key': { authorization: 'Bearer sk-wrong' },
  'an empty bearer token': { authorization: 'Bearer ' },
  'a Basic scheme': { authorization: 'Basic YWRtaW46YWRtaW4=' },
  'an 8 KB token': { authorization: `Bearer ${'k'.repeat(8_192)}` },
  'a non-ASCII token': { authorization: 'Bearer sk-tëst-admin' },
  'a wrong x-api-key': { 'x-api-key': 'sk-wrong' },
  'an 8 KB x-api-key': { 'x-api-key': 'k'.repeat(8_192) },
  'the admin key in another header': { 'x-switchyard-key': hostileAdminKey },
};

/** Idempotency keys a model call must refuse: empty, too long, not visible ASCII. */
export const badIdempotencyKeys: Record<string, string> = {
  'an empty Idempotency-Key': '',
  'an empty quoted Idempotency-Key': '""',
  'an 8 KB Idempotency-Key': 'k'.repeat(8_192),
  'a non-ASCII Idempotency-Key': 'clé-1',
  'an Idempotency-Key with a space': 'key 1',
};

/** Provider keys a request may not bring; none may be repeated back to the client. */
export const badProviderKeys: Record<string, string> = {
  'provider keys that are not JSON': `{openai:${hostileSecrets[1]}`,
  'a provider key for a provider that takes none': JSON.stringify({ openai: hostileSecrets[1] }),
  'a provider key for no such provider': JSON.stringify({ nope: hostileSecrets[1] }),
  'provider keys under __proto__': `{"__proto__":{"openai":"${hostileSecrets[1]}"}}`,
};

/** A request with the admin key unless it brings its own credentials. */
export function request(fields: HostileRequest): HostileRequest {
  const own = 'authorization' in fields.headers || 'x-api-key' in fields.headers;
  return { ...fields, headers: own ? fields.headers : { authorization, ...fields.headers } };
}

/** Says a request goes without the admin key: only the credentials in its `headers`. */
export const unauthenticated = (fields: HostileRequest): HostileRequest => fields;

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
export const wrongMethods = (allow: string) =>
  methods.filter((method) => !allow.split(', ').includes(method));
