import type { Context } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { listModelIds, resolveTargets } from '../../routing/resolve-targets.ts';
import { modelEntry } from './models-route.ts';

/**
 * `GET /v1/models/{id}` (the `openai` client's `models.retrieve`): one model of `GET /v1/models`,
 * or a model a pass-through provider serves. Ids hold `/`, so the route takes the rest of the
 * path; the client sends it as `%2F`, curl as `/`. Unknown ids are the usual 404 envelope.
 * @example app.get('/v1/models/:id{.+}', freshAuth, retrieveModelRoute(deps));
 */
export const retrieveModelRoute = (deps: RouterDeps) => {
  const listed = new Map(
    listModelIds(deps.config).map(({ id, ownedBy }) => [id, modelEntry(deps.config, id, ownedBy)]),
  );
  return function retrieveModel(c: Context<RouterEnv>) {
    const id = c.req.param('id') ?? '';
    const known = listed.get(id);
    if (known !== undefined) return c.json(known);
    // Validates the id (400) and throws the 404 for models no provider serves.
    const [target] = resolveTargets(deps.config, id).targets;
    return c.json(modelEntry(deps.config, id, target?.providerId ?? 'switchyard'));
  };
};
