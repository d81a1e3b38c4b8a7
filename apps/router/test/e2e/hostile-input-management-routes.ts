/** The management API's JSON routes in the hostile-input table (`/api/v1/keys`, `/api/v1/teams`). */
import { type JsonRoute, nest, withField } from './hostile-input-json.ts';

/** A key hash of the right shape that names no key: a valid body is a 404, never a change. */
export const unknownKeyHash = 'e'.repeat(64);

const scope = { name: 'hostile' };
const numbers = ['limit', 'rpm', 'tpm', 'max_parallel', 'expires_at'];

/** Fields teams and keys share, each with a value of the wrong type or out of range. */
const scopeWrongTypes = [
  { name: 5 },
  { name: '' },
  { name: '   ' },
  { name: 'x'.repeat(201) },
  { name: '\ud800' },
  { ...scope, limit: -1 },
  { ...scope, limit: '5' },
  { ...scope, limit: 10_000_000 },
  { ...scope, limit_reset: 'hourly' },
  { ...scope, rpm: 0 },
  { ...scope, rpm: 1.5 },
  { ...scope, models: 'mock/echo' },
  { ...scope, models: [5] },
  { ...scope, expires_at: 'tomorrow' },
  { ...scope, expires_at: -1 },
  { ...scope, disabled: 'yes' },
  { ...scope, on_store_unavailable: 'maybe' },
  { ...scope, metadata: 'x' },
  { ...scope, metadata: { a: 'x'.repeat(5_000) } },
  { ...scope, unknown_field: true },
  withField(scope, 'metadata', '{"__proto__":{"admin":true}}'),
  withField(scope, '__proto__', '{"role":"admin"}'),
  withField(scope, 'constructor', '{"prototype":{"admin":true}}'),
];

const keyWrongTypes = [
  { ...scope, role: 'root' },
  { ...scope, team_id: '../other' },
  { ...scope, team_id: 'Team A' },
  { ...scope, on_insufficient: 'pay' },
];

export const managementRoutes: JsonRoute[] = [
  {
    route: 'POST /api/v1/keys',
    path: '/api/v1/keys',
    envelope: 'openai',
    allow: 'GET, POST',
    headers: {},
    valid: scope,
    nestable: [{ ...scope, metadata: { a: nest } }],
    numbers,
    wrongTypes: [...scopeWrongTypes, ...keyWrongTypes],
  },
  {
    route: 'POST /api/v1/teams',
    path: '/api/v1/teams',
    envelope: 'openai',
    allow: 'GET, POST',
    headers: {},
    valid: scope,
    nestable: [{ ...scope, metadata: { a: nest } }],
    numbers,
    wrongTypes: [
      ...scopeWrongTypes,
      { ...scope, id: 'A B' },
      { ...scope, id: '../keys' },
      { ...scope, id: 'x'.repeat(65) },
      { ...scope, id: '__proto__' },
    ],
  },
  {
    route: 'PATCH /api/v1/keys/{hash}',
    path: `/api/v1/keys/${unknownKeyHash}`,
    envelope: 'openai',
    method: 'PATCH',
    allow: 'GET, PATCH, DELETE',
    headers: {},
    valid: scope,
    nestable: [{ metadata: { a: nest } }],
    numbers,
    wrongTypes: [...scopeWrongTypes, ...keyWrongTypes],
  },
  {
    route: 'PATCH /api/v1/teams/{id}',
    path: '/api/v1/teams/no-such-team',
    envelope: 'openai',
    method: 'PATCH',
    allow: 'GET, PATCH, DELETE',
    headers: {},
    valid: scope,
    nestable: [{ metadata: { a: nest } }],
    numbers,
    wrongTypes: [...scopeWrongTypes, { ...scope, id: 'renamed' }],
  },
  {
    route: 'POST /api/v1/keys/{hash}/rotate',
    path: `/api/v1/keys/${unknownKeyHash}/rotate`,
    envelope: 'openai',
    headers: {},
    valid: { grace_seconds: 0 },
    nestable: [{ grace_seconds: nest }],
    numbers: ['grace_seconds'],
    wrongTypes: [
      { grace_seconds: -1 },
      { grace_seconds: 2_592_001 },
      { grace_seconds: '60' },
      { grace_seconds: 1.5 },
      { grace_seconds: 0, extra: 1 },
    ],
  },
];
