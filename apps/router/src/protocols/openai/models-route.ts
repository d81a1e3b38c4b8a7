import type { Context } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { listModelIds } from '../../routing/resolve-targets.ts';

/** `GET /v1/models`: aliases and the configured providers' models, in OpenAI's list shape. */
export const modelsRoute = (deps: RouterDeps) => {
  const body = {
    object: 'list' as const,
    data: listModelIds(deps.config).map(({ id, ownedBy }) => ({
      id,
      object: 'model' as const,
      created: 0,
      owned_by: ownedBy,
    })),
  };
  return function models(c: Context<RouterEnv>) {
    return c.json(body);
  };
};
