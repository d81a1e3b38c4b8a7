import { type MockUpstream, startMockUpstream } from '@switchyard/testkit';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../src/app.ts';
import { parseConfig } from '../../src/config/index.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { adminKey, integrationConfig } from './integration-config.ts';
import { describeRouter, type RouterFetch } from './router-suite.ts';

let upstream: MockUpstream;
let fetchRouter: RouterFetch;

beforeAll(async () => {
  upstream = await startMockUpstream();
  const app = createApp({
    config: parseConfig(integrationConfig(upstream.url)),
    store: createMemoryStore(),
    adminKey,
  });
  fetchRouter = async (path, init) => app.request(`http://router.test${path}`, init);
});
afterAll(() => upstream?.close());

describeRouter('Node', () => fetchRouter);
