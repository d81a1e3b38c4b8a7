import { Hono, type MiddlewareHandler } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { createKey } from '../../governance/records/create-key.ts';
import { describeKey } from '../../governance/records/describe-record.ts';
import { listKeys } from '../../governance/records/list-records.ts';
import { rotateKey } from '../../governance/records/rotate-key.ts';
import { deleteKey, readManagedKey, updateKey } from '../../governance/records/update-key.ts';
import { jsonBody } from '../../middleware/json-body.ts';
import {
  createKeySchema,
  listKeysQuerySchema,
  rotateKeySchema,
  toKeyPatch,
  toKeySettings,
  updateKeySchema,
} from './key-schemas.ts';
import {
  type ManagementDeps,
  managementContext,
  requireKeySecret,
  succeeded,
} from './management-deps.ts';
import { parseInput } from './parse-input.ts';

/**
 * `/api/v1/keys`: create (the key is in this one response only), list, read, change (`disabled:
 * true` revokes), delete and rotate stored keys. Responses show hashes and labels, never keys.
 * @example routes.route('/keys', keyRoutes(deps, manageAuth));
 */
export function keyRoutes(deps: ManagementDeps, auth: MiddlewareHandler<RouterEnv>) {
  const routes = new Hono<RouterEnv>();
  const body = jsonBody(deps.config.server.maxBodyBytes);

  routes.post('/', auth, body, async (c) => {
    const context = managementContext(c, deps, 'write');
    const input = parseInput(createKeySchema, c.get('body'), 'body');
    const secret = requireKeySecret(deps);
    const created = succeeded(await createKey(context, toKeySettings(input), secret));
    return c.json({ data: describeKey(created.record), key: created.key }, 201);
  });

  routes.get('/', auth, async (c) => {
    const context = managementContext(c, deps, 'read');
    const query = parseInput(listKeysQuerySchema, c.req.query(), 'query');
    const keys = succeeded(
      await listKeys(context, {
        offset: query.offset,
        limit: query.limit,
        includeDisabled: query.include_disabled,
        ...(query.team_id !== undefined && { teamId: query.team_id }),
      }),
    );
    return c.json({ data: keys.map(describeKey) });
  });

  routes.get('/:hash', auth, async (c) => {
    const context = managementContext(c, deps, 'read');
    const record = succeeded(await readManagedKey(context, c.req.param('hash')));
    return c.json({ data: describeKey(record) });
  });

  routes.patch('/:hash', auth, body, async (c) => {
    const context = managementContext(c, deps, 'write');
    const input = parseInput(updateKeySchema, c.get('body'), 'body');
    const record = succeeded(await updateKey(context, c.req.param('hash'), toKeyPatch(input)));
    return c.json({ data: describeKey(record) });
  });

  routes.delete('/:hash', auth, async (c) => {
    const context = managementContext(c, deps, 'write');
    const hash = c.req.param('hash');
    succeeded(await deleteKey(context, hash));
    return c.json({ data: { hash, deleted: true } });
  });

  routes.post('/:hash/rotate', auth, body, async (c) => {
    const context = managementContext(c, deps, 'write');
    const input = parseInput(rotateKeySchema, c.get('body'), 'body');
    const secret = requireKeySecret(deps);
    const graceMs = input.grace_seconds * 1_000;
    const rotated = succeeded(await rotateKey(context, c.req.param('hash'), graceMs, secret));
    return c.json({ data: describeKey(rotated.record), key: rotated.key }, 201);
  });

  return routes;
}
