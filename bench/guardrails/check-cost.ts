import { loadCorpus } from '../../apps/router/src/guardrails/__fixtures__/corpus-evaluation.ts';
import { actionContext } from '../../apps/router/src/guardrails/__fixtures__/test-rules.ts';
import { applyRules } from '../../apps/router/src/guardrails/apply/apply-rules.ts';
import { compileRule } from '../../apps/router/src/guardrails/policy/compile-rule.ts';
import { ruleRecordSchema } from '../../apps/router/src/guardrails/policy/rule-schema.ts';
import { ruleSetFor } from '../../apps/router/src/guardrails/policy/rule-set.ts';
import { summarize } from '../lib/latency.ts';
import { benchApp, chat } from './bench-app.ts';
import { benchRules } from './bench-rules.ts';

/** About 8 KB of what a gateway sees: code, logs, prose and an agent prompt, from the corpus. */
export function eightKilobytes(withFindings: boolean): string {
  const { negatives } = loadCorpus();
  let text = '';
  for (let index = 0; text.length < 8_192; index += 37) {
    const negative = negatives[index % negatives.length];
    if (negative?.category !== 'agent-prompts') text += `${negative?.text}\n\n`;
  }
  text = text.slice(0, 8_192);
  if (!withFindings) return text;
  const findings =
    ' Mail ada.lovelace@analytical.dev or call +44 20 7946 0958; ticket TQH-123456; Project Nightjar 3. ';
  return text.slice(0, 4_000) + findings + text.slice(4_000, 8_192 - findings.length);
}

/** The check alone: one 8 KB text against the rules, many times (ms per check). */
export function measureCheck(iterations: number, withFindings: boolean) {
  const parsed = ruleRecordSchema(1_000).parse(benchRules());
  const rules = ruleSetFor(
    Object.entries(parsed).map(([name, rule]) => compileRule(name, rule, 'gateway')),
    'input',
  );
  const text = eightKilobytes(withFindings);
  const once = () => {
    try {
      applyRules([text], rules, actionContext('input'));
    } catch {
      // A block is an outcome like any other here.
    }
  };
  for (let index = 0; index < Math.min(500, iterations); index += 1) once();
  const samples: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const started = performance.now();
    once();
    samples.push(performance.now() - started);
  }
  return {
    rules: rules.rules.length,
    detectors: rules.detectors.length,
    chars: text.length,
    ...summarize(samples),
  };
}

/**
 * A whole request through the in-process router (mock provider echoing the 8 KB prompt, so the
 * answer is checked too), with and without the rules, interleaved so drift hits both alike.
 */
export async function measureRequests(iterations: number) {
  const plain = benchApp({});
  const guarded = benchApp({ rules: benchRules(), gateway: { rules: Object.keys(benchRules()) } });
  const body = { model: 'mock/echo', messages: [{ role: 'user', content: eightKilobytes(false) }] };
  const time = async (app: ReturnType<typeof benchApp>) => {
    const started = performance.now();
    const response = await chat(app, body);
    await response.text();
    if (response.status !== 200) throw new Error(`status ${response.status}`);
    return performance.now() - started;
  };
  for (let index = 0; index < 200; index += 1) {
    await time(plain);
    await time(guarded);
  }
  const without: number[] = [];
  const withRules: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    without.push(await time(plain));
    withRules.push(await time(guarded));
  }
  return { without: summarize(without), with: summarize(withRules) };
}
