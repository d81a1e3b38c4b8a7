import { spawnFixtureServers } from '@switchyard/testkit/fixture-process';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    upstreamUrl: string;
    upstashUrl: string;
    upstashToken: string;
  }
}

/** Real servers on loopback (mock upstream, redis-server behind the Upstash bridge) for workerd. */
export default async function setup(project: TestProject) {
  const { close, ...urls } = await spawnFixtureServers();
  project.provide('upstreamUrl', urls.upstreamUrl);
  project.provide('upstashUrl', urls.upstashUrl);
  project.provide('upstashToken', urls.upstashToken);
  return close;
}
