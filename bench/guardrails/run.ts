/**
 * Guardrails: precision and recall of each detector on the labelled corpus, the benign
 * false-positive rate, whether a streamed secret leaks through the redact window, what the check
 * costs for 8 KB with about 150 rules, and the time to first token of each streaming policy —
 * beside a run without guardrails. Not part of `pnpm test`; see ./README.md.
 *
 *   pnpm bench:guardrails [--iterations N] [--requests N] [--streams N] [--chunk-delay-ms N]
 *
 * Prints Markdown and writes bench/results/guardrails-<date>.md and .json.
 */
import { parseArgs } from 'node:util';
import { machineBusyPercent } from '../lib/machine-load.ts';
import { runFacts, today, writeResult } from '../lib/results.ts';
import { measureCheck, measureRequests } from './check-cost.ts';
import { corpusReport } from './corpus-report.ts';
import { formatReport, type GuardrailsResults } from './report.ts';
import { measureStreamPolicies } from './stream-ttft.ts';

const { values } = parseArgs({
  options: {
    iterations: { type: 'string', default: '3000' },
    requests: { type: 'string', default: '1000' },
    streams: { type: 'string', default: '15' },
    'chunk-delay-ms': { type: 'string', default: '2' },
  },
});

const busy = await machineBusyPercent();
if (busy > 10) console.warn(`The machine is ${busy}% busy before the run: timings will be noisy.`);

const results: GuardrailsResults = {
  corpus: await corpusReport(),
  check: {
    clean: measureCheck(Number(values.iterations), false),
    withFindings: measureCheck(Number(values.iterations), true),
  },
  requests: await measureRequests(Number(values.requests)),
  streams: await measureStreamPolicies(Number(values.streams), Number(values['chunk-delay-ms'])),
};
const markdown = formatReport(results);
console.log(markdown);
const { corpus, ...measured } = results;
writeResult(`guardrails-${today()}.md`, markdown);
writeResult(`guardrails-${today()}.json`, {
  ...runFacts(),
  busyPercentBefore: busy,
  corpus: { ...corpus, benign: { ...corpus.benign, ids: corpus.benign.ids } },
  ...measured,
});
