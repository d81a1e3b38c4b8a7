import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { allowlistFilter } from '../../governance/policy/allowlist-filter.ts';
import { defaultMediaPartTokens, promptTokenBound } from '../../governance/prompt-tokens.ts';
import { resolveWithControls } from '../../routing/resolve-targets.ts';
import { parseRequest } from '../parse-request.ts';
import { refuseMalformedInlineData } from '../refuse-malformed-inline-data.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { convertToCallOptions } from './convert-to-call-options.ts';
import { countTokensRequestSchema } from './messages-request.ts';

/**
 * `POST /v1/messages/count_tokens`: `{ input_tokens }` as the control plane estimates it for
 * limits and budgets (an upper bound: the prompt's UTF-8 bytes, tool definitions, a few tokens
 * per message and a fixed allowance per image or file). Nothing is sent upstream, so it answers
 * the same for every target and costs nothing; the model must still be one the key may call.
 */
export async function countTokensRoute(c: Context<RouterEnv>) {
  const body = parseRequest(countTokensRequestSchema, c.get('body'));
  const config = c.get('config');
  const controls = withRoutingHeaders(c, { models: body.models, provider: body.provider });
  resolveWithControls(config, body.model, controls, allowlistFilter(c.get('principal'), config));
  const call = convertToCallOptions(body);
  // As /v1/messages would refuse it: the count is for a request that could be sent.
  refuseMalformedInlineData(call);
  return c.json({ input_tokens: promptTokenBound(call, defaultMediaPartTokens) });
}
