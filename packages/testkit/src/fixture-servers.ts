import { startMockUpstream } from './mock-upstreams/server.ts';
import { startRedisServer, startUpstashBridge } from './redis/index.ts';

export interface FixtureUrls {
  upstreamUrl: string;
  upstashUrl: string;
  upstashToken: string;
}

/** A mock upstream and a real redis-server behind the Upstash REST bridge, on loopback. */
export async function startFixtureServers(): Promise<FixtureUrls & { close(): Promise<void> }> {
  const upstream = await startMockUpstream();
  const redis = await startRedisServer();
  const upstashToken = 'fixture-token';
  const bridge = await startUpstashBridge({ redisUrl: redis.url, token: upstashToken });
  return {
    upstreamUrl: upstream.url,
    upstashUrl: bridge.url,
    upstashToken,
    async close() {
      await bridge.close();
      await redis.stop();
      await upstream.close();
    },
  };
}

// Run as a program: print the URLs as one JSON line, stop when standard input closes.
if (import.meta.main) {
  const servers = await startFixtureServers();
  const { close, ...urls } = servers;
  process.stdout.write(`${JSON.stringify(urls)}\n`);
  process.stdin.resume();
  process.stdin.on('close', () => close().then(() => process.exit(0)));
}
