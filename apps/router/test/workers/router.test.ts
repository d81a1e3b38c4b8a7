import { exports } from 'cloudflare:workers';
import { describeAIGateway } from '../integration/ai-gateway-suite.ts';
import { describeOpenAIMedia } from '../integration/openai-media-suite.ts';
import { describeRouter, type RouterFetch } from '../integration/router-suite.ts';

const fetchRouter: RouterFetch = (path, init) =>
  exports.default.fetch(new Request(`http://router.test${path}`, init));

describeRouter('workerd', () => fetchRouter);
describeAIGateway('workerd', () => fetchRouter);
describeOpenAIMedia('workerd', () => fetchRouter);
