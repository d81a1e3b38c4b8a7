import { startMockUpstream, startRedisServer, startUpstashBridge } from '@switchyard/testkit';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    upstreamUrl: string;
    upstashUrl: string;
    upstashToken: string;
  }
}

/** Real servers on loopback for the tests that run inside workerd. */
export default async function setup(project: TestProject) {
  const upstream = await startMockUpstream();
  const redis = await startRedisServer();
  const bridge = await startUpstashBridge({ redisUrl: redis.url, token: 'workerd-test-token' });
  project.provide('upstreamUrl', upstream.url);
  project.provide('upstashUrl', bridge.url);
  project.provide('upstashToken', 'workerd-test-token');
  return async () => {
    await bridge.close();
    await redis.stop();
    await upstream.close();
  };
}
