import { exports } from 'cloudflare:workers';
import { describeRouter } from '../integration/router-suite.ts';

describeRouter(
  'workerd',
  () => (path, init) => exports.default.fetch(new Request(`http://router.test${path}`, init)),
);
