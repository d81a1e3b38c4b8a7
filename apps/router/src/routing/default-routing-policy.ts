import { type RoutingConfig, routingSchema } from '../config/routing-schema.ts';

/** The routing defaults, for callers that run without a parsed config (tests, tools). */
export const defaultRoutingPolicy: RoutingConfig = routingSchema.parse(undefined);
