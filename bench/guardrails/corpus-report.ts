import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import {
  evaluateCorpus,
  type LabelledText,
} from '../../apps/router/src/guardrails/__fixtures__/corpus-evaluation.ts';
import {
  actionContext,
  compiledRules,
} from '../../apps/router/src/guardrails/__fixtures__/test-rules.ts';
import { applyRules } from '../../apps/router/src/guardrails/apply/apply-rules.ts';
import { guardStream } from '../../apps/router/src/guardrails/apply/guard-stream.ts';
import { outputRulesOf } from '../../apps/router/src/guardrails/policy/output-rules.ts';
import { ruleSetFor } from '../../apps/router/src/guardrails/policy/rule-set.ts';

type Part = LanguageModelV4StreamPart;

const redactEverything = compiledRules({
  secrets: { detectors: ['secrets'], action: 'redact' },
  pii: { detectors: ['pii'], action: 'redact' },
});

/** Streams the entry's chunks through the redact window; reports a leak and any divergence. */
async function streamEntry(entry: LabelledText) {
  const parts: Part[] = [
    { type: 'text-start', id: 't' },
    ...(entry.chunks ?? [entry.text]).map(
      (delta): Part => ({ type: 'text-delta', id: 't', delta }),
    ),
    { type: 'text-end', id: 't' },
  ];
  const source = new ReadableStream<Part>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  let sent = '';
  const reader = guardStream(
    source,
    outputRulesOf(redactEverything),
    actionContext('output'),
  ).getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (next.value.type === 'text-delta') sent += next.value.delta;
  }
  const [whole] = applyRules(
    [entry.text],
    ruleSetFor(redactEverything, 'output'),
    actionContext('output'),
  );
  const value = entry.text.slice(entry.start, entry.end);
  const missed = whole?.includes(value) === true;
  return { leaked: sent.includes(value), missed, diverged: sent !== whole };
}

/** Precision and recall per detector and family, benign flags, injection, and stream leaks. */
export async function corpusReport() {
  const report = evaluateCorpus();
  let leaked = 0;
  let missed = 0;
  let diverged = 0;
  for (const entry of report.corpus.secrets) {
    const outcome = await streamEntry(entry);
    if (outcome.leaked) leaked += 1;
    if (outcome.missed) missed += 1;
    if (outcome.diverged) diverged += 1;
  }
  return {
    ...report,
    corpus: {
      secrets: report.corpus.secrets.length,
      pii: report.corpus.pii.length,
      negatives: report.corpus.negatives.length,
      heldOutNegatives: report.corpus.negatives.filter(
        (negative) => negative.category === 'held-out',
      ).length,
      prompts: report.corpus.prompts.length,
    },
    stream: { entries: report.corpus.secrets.length, leaked, missed, diverged },
  };
}
