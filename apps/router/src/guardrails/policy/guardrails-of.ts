import type { PipelineDeps } from '../../pipeline/route-request.ts';
import { createGuardrails, type Guardrails } from './guardrails.ts';

const compiled = new WeakMap<object, Guardrails>();

/**
 * The compiled guardrails of a pipeline: those `createApp` built under the server's key, or —
 * for a pipeline built without them, as unit tests do — compiled once from its config under a
 * random key (hashes then only match within this process).
 */
export function guardrailsOf(deps: PipelineDeps): Guardrails {
  if (deps.guardrails !== undefined) return deps.guardrails;
  let guardrails = compiled.get(deps.config);
  if (guardrails === undefined) {
    guardrails = createGuardrails(
      deps.config.guardrails,
      crypto.getRandomValues(new Uint8Array(32)),
    );
    compiled.set(deps.config, guardrails);
  }
  return guardrails;
}
