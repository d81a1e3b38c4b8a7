import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { RouterConfig } from '../../config/index.ts';
import type { RouterEnv } from '../../context.ts';
import type { Principal } from '../../governance/principal.ts';
import {
  readScopeUsage,
  type ScopeUsage,
  spendAgainstLimit,
} from '../../governance/records/scope-usage.ts';
import { type ScopeLimits, toDollars, toNanos } from '../../governance/scope-record.ts';
import { scopeName } from '../../governance/store-keys.ts';
import type { ManagementDeps } from './management-deps.ts';
import { usageFields } from './usage-fields.ts';

interface SelfScope {
  label: string;
  /** Whose spend counters to read; none for config keys (no scope of their own). */
  scope?: string;
  limits: ScopeLimits;
  expiresAt?: number;
}

/**
 * `GET /api/v1/key` (and `/api/v1/auth/key`), `GET /api/v1/credits`: what the calling key may
 * spend and has spent, in OpenRouter's shapes. The root key gets the gateway scope.
 * @example routes.route('/', selfRoutes(deps, selfAuth));
 */
export function selfRoutes(deps: ManagementDeps, auth: MiddlewareHandler<RouterEnv>) {
  const routes = new Hono<RouterEnv>();

  const describeSelf = async (c: Context<RouterEnv>) => {
    const self = selfScope(c.get('principal'), deps.config);
    const usage = await usageOf(deps, self);
    return c.json({
      data: {
        label: self.label,
        ...usageFields(self.limits, usage),
        is_free_tier: false,
        expires_at: self.expiresAt === undefined ? null : new Date(self.expiresAt).toISOString(),
        rate_limit: {
          requests: self.limits.rpm ?? null,
          tokens: self.limits.tpm ?? null,
          interval: '1m',
        },
      },
    });
  };
  routes.get('/key', auth, describeSelf);
  routes.get('/auth/key', auth, describeSelf);

  routes.get('/credits', auth, async (c) => {
    const credits = await readCredits(deps, c.get('principal'));
    return c.json({
      data: { total_credits: credits.totalCredits, total_usage: credits.totalUsage },
    });
  });

  return routes;
}

/**
 * What the caller may spend and has spent, in dollars: `/api/v1/credits` and the
 * `@ai-sdk/gateway` client's `/v1/credits` both answer from it. No budget: `totalCredits` null.
 * @example const { totalCredits, totalUsage } = await readCredits(deps, c.get('principal'));
 */
export async function readCredits(
  deps: ManagementDeps,
  principal: Principal,
): Promise<{ totalCredits: number | null; totalUsage: number }> {
  const self = selfScope(principal, deps.config);
  const usage = await usageOf(deps, self);
  const { limitNanos, limitReset } = self.limits;
  // Credits are the budget; usage is what counts against it (this period, or all time).
  return {
    totalCredits: limitNanos === undefined ? null : toDollars(limitNanos),
    totalUsage: toDollars(spendAgainstLimit(usage, limitReset)),
  };
}

async function usageOf(deps: ManagementDeps, self: SelfScope): Promise<ScopeUsage> {
  if (self.scope === undefined) return { all: 0, daily: 0, weekly: 0, monthly: 0 };
  const usage = await readScopeUsage(deps.store, self.scope, deps.now());
  if (usage.status === 'unavailable') throw usage.error;
  return usage.value;
}

function selfScope(principal: Principal, config: RouterConfig): SelfScope {
  if (principal.kind === 'key') {
    const { key } = principal;
    const self: SelfScope = {
      label: key.label,
      scope: scopeName({ kind: 'key', id: key.scopeId }),
      limits: key.limits,
    };
    if (key.expiresAt !== undefined) self.expiresAt = key.expiresAt;
    return self;
  }
  if (principal.kind === 'static') return { label: `config:${principal.tenant}`, limits: {} };
  return { label: 'admin', scope: scopeName({ kind: 'gateway' }), limits: gatewayLimits(config) };
}

function gatewayLimits(config: RouterConfig): ScopeLimits {
  const { limit, limit_reset, rpm, tpm, max_parallel, models } = config.governance.defaults;
  const limits: ScopeLimits = {};
  if (limit != null) limits.limitNanos = toNanos(limit);
  if (limit_reset != null) limits.limitReset = limit_reset;
  if (rpm != null) limits.rpm = rpm;
  if (tpm != null) limits.tpm = tpm;
  if (max_parallel != null) limits.maxParallel = max_parallel;
  if (models != null) limits.models = models;
  return limits;
}
