export {
  type RouterRuntime,
  type RunningRouter,
  type StartRouterOptions,
  startRouter,
} from './start-router.ts';
