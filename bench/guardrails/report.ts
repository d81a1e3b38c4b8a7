import type { measureCheck, measureRequests } from './check-cost.ts';
import type { corpusReport } from './corpus-report.ts';
import type { measureStreamPolicies } from './stream-ttft.ts';

export interface GuardrailsResults {
  corpus: Awaited<ReturnType<typeof corpusReport>>;
  check: { clean: ReturnType<typeof measureCheck>; withFindings: ReturnType<typeof measureCheck> };
  requests: Awaited<ReturnType<typeof measureRequests>>;
  streams: Awaited<ReturnType<typeof measureStreamPolicies>>;
}

const fixed = (value: number, digits = 3) => value.toFixed(digits);
const ms = (value: number) => value.toFixed(3);

/** The benchmark's figures as Markdown tables. */
export function formatReport(results: GuardrailsResults): string {
  const { corpus, check, requests, streams } = results;
  const lines: string[] = [];
  const heldOut = corpus.corpus.heldOutNegatives;
  lines.push(
    `Corpus: ${corpus.corpus.secrets} secrets, ${corpus.corpus.pii} PII values, ${corpus.corpus.negatives} benign texts, ${corpus.corpus.prompts} prompts.`,
    '',
    '| family | findings | true | false | precision | recall |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const [name, family] of [
    ['secrets', corpus.secrets],
    ['pii', corpus.pii],
  ] as const) {
    const score = family.family;
    lines.push(
      `| ${name} | ${score.truePositives + score.falsePositives} | ${score.truePositives} | ${score.falsePositives} | ${fixed(score.precision)} | ${fixed(score.recall ?? 0)} |`,
    );
  }
  lines.push(
    `| injection (default threshold) | | | | ${fixed(corpus.injection.precision)} | ${fixed(corpus.injection.recall)} (held-out phrasings: ${fixed(corpus.injection.heldOutRecall)}) |`,
    '',
    `Benign false positives (secrets + PII): ${corpus.benign.flagged} of ${corpus.benign.total} = ${fixed(corpus.benign.rate * 100, 2)}%; of the ${heldOut} held-out benign texts (written after the detectors were tuned): ${corpus.benign.byCategory['held-out'] ?? 0}.`,
    `Injection warnings on benign user texts: ${corpus.injection.benign.flagged} of ${corpus.injection.benign.total} = ${fixed(corpus.injection.benign.rate * 100, 2)}%; system prompts that quote an attack (not checked for injection): ${corpus.injection.systemPromptsFlagged} of ${corpus.injection.systemPrompts}.`,
    `Streamed secrets, cut by chunks, through the redact window: ${corpus.stream.leaked} of ${corpus.stream.entries} reached the client — ${corpus.stream.missed} of them values the check of the whole text misses too (recall), so ${corpus.stream.leaked - corpus.stream.missed} because of the chunks; ${corpus.stream.diverged} streamed texts differ from redacting the whole text at once.`,
    '',
    '| detector | precision | recall (its kind) |',
    '| --- | ---: | ---: |',
  );
  for (const family of [corpus.secrets, corpus.pii]) {
    const ids = new Set([
      ...Object.keys(family.byDetector),
      ...Object.keys(family.recallByKind).map(
        (kind) => `${family === corpus.secrets ? 'secrets' : 'pii'}.${kind}`,
      ),
    ]);
    for (const id of [...ids].sort()) {
      const score = family.byDetector[id];
      const recall = family.recallByKind[id.slice(id.indexOf('.') + 1)];
      lines.push(
        `| ${id} | ${score ? fixed(score.precision) : '–'} | ${recall ? `${fixed(recall.recall)} (${recall.found}/${recall.labelled})` : '–'} |`,
      );
    }
  }
  lines.push(
    '',
    `Check cost, one ${check.clean.chars}-character text, ${check.clean.rules} rules (${check.clean.detectors} detectors):`,
    '',
    '| text | p50 ms | p99 ms |',
    '| --- | ---: | ---: |',
    `| benign | ${ms(check.clean.p50)} | ${ms(check.clean.p99)} |`,
    `| with 4 findings | ${ms(check.withFindings.p50)} | ${ms(check.withFindings.p99)} |`,
    '',
    'Whole request in process (mock provider echoes the 8 KB prompt, so input and answer are both checked):',
    '',
    '| | p50 ms | p99 ms |',
    '| --- | ---: | ---: |',
    `| without guardrails | ${ms(requests.without.p50)} | ${ms(requests.without.p99)} |`,
    `| with the rules | ${ms(requests.with.p50)} | ${ms(requests.with.p99)} |`,
    `| added | ${ms(requests.with.p50 - requests.without.p50)} | ${ms(requests.with.p99 - requests.without.p99)} |`,
    '',
    `Streams: a ${streams.answerChars}-character answer, one word every ${streams.chunkDelayMs} ms:`,
    '',
    '| policy | first content p50 ms | added p50 ms | whole stream p50 ms |',
    '| --- | ---: | ---: | ---: |',
  );
  const base = streams.results.none?.firstContent.p50 ?? 0;
  for (const [name, timing] of Object.entries(streams.results)) {
    lines.push(
      `| ${name} | ${ms(timing.firstContent.p50)} | ${ms(timing.firstContent.p50 - base)} | ${ms(timing.total.p50)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
