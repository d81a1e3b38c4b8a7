export { type FixtureUrls, startFixtureServers } from './fixture-servers.ts';
export type { Scenario } from './mock-upstreams/scenario.ts';
export { mockScenarioHeader, parseScenario } from './mock-upstreams/scenario.ts';
export type {
  MockUpstream,
  MockUpstreamOptions,
  RecordedRequest,
} from './mock-upstreams/server.ts';
export { startMockUpstream } from './mock-upstreams/server.ts';
export * from './redis/index.ts';
export * from './router/index.ts';
