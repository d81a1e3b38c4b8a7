import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { describeTarget } from '../../catalog/describe-target.ts';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { InvalidRequestError } from '../../errors/index.ts';
import { apiKeyAuth } from '../../middleware/auth.ts';
import { listModelIds } from '../../routing/resolve-targets.ts';
import { parseRequest } from '../parse-request.ts';
import { anthropicErrorOf } from './anthropic-error.ts';

export interface AnthropicModel {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  after_id: z.string().min(1).optional(),
  before_id: z.string().min(1).optional(),
});

/** No model has a release date here; Anthropic's clients still expect an RFC 3339 time. */
const unknownDate = '1970-01-01T00:00:00Z';

/**
 * `GET /v1/models` in Anthropic's list shape, for requests that carry `anthropic-version` or
 * `x-api-key` (Claude Code and the Anthropic SDK); any other request goes on to the OpenAI list.
 * Paged as Anthropic pages (`limit`, `after_id`, `before_id`; `has_more`, `first_id`,
 * `last_id`), with errors (a wrong method's 405 included) in Anthropic's envelope and the
 * request id in `request-id`, where Anthropic's SDKs read it.
 * @example app.all('/v1/models', anthropicModelsRoute(deps)); app.get('/v1/models', openAIList);
 */
export const anthropicModelsRoute = (deps: RouterDeps): MiddlewareHandler<RouterEnv> => {
  const models: AnthropicModel[] = listModelIds(deps.config).map(({ id }) => ({
    type: 'model',
    id,
    display_name: describeTarget(deps.config, id).name ?? id,
    created_at: unknownDate,
  }));
  // The list never passes admission, which is what checks a cached key against the store.
  const auth = apiKeyAuth(deps, { audience: 'inference', fresh: true });
  return async function anthropicModels(c, next) {
    if (
      c.req.header('anthropic-version') === undefined &&
      c.req.header('x-api-key') === undefined
    ) {
      return next();
    }
    c.header('request-id', c.get('requestId'));
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const { status, body } = anthropicErrorOf(methodNotAllowed, c.get('requestId'));
      return c.json(body, status as ContentfulStatusCode, { allow: 'GET' });
    }
    try {
      await auth(c, async () => {});
      return c.json(pageOf(models, parseRequest(pageQuery, c.req.query())));
    } catch (error) {
      const { status, body } = anthropicErrorOf(error, c.get('requestId'));
      return c.json(body, status as ContentfulStatusCode);
    }
  };
};

const methodNotAllowed = new InvalidRequestError({
  message: 'Method not allowed: /v1/models accepts GET.',
  statusCode: 405,
  code: 'method_not_allowed',
});

function pageOf(models: AnthropicModel[], query: z.infer<typeof pageQuery>) {
  // An id that is not in the list pages nothing, so a client can never loop over it.
  const position = (id: string) => models.findIndex((model) => model.id === id);
  let start = 0;
  let end = models.length;
  if (query.after_id !== undefined) {
    const index = position(query.after_id);
    start = index === -1 ? models.length : index + 1;
  }
  if (query.before_id !== undefined) end = Math.max(start, position(query.before_id));
  // Before an id (and not after one), the page is the one just before it.
  const backwards = query.before_id !== undefined && query.after_id === undefined;
  const page = backwards
    ? models.slice(Math.max(start, end - query.limit), end)
    : models.slice(start, Math.min(end, start + query.limit));
  return {
    data: page,
    has_more: backwards ? end - page.length > start : start + page.length < end,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
  };
}
