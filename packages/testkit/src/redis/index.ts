export {
  type RedisServer,
  type StartRedisServerOptions,
  startRedisServer,
} from './redis-server.ts';
export {
  type StartUpstashBridgeOptions,
  startUpstashBridge,
  type UpstashBridge,
  type UpstashBridgeFailure,
} from './upstash-bridge.ts';
