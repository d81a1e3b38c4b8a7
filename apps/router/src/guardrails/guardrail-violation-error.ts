import { InvalidRequestError } from '../errors/index.ts';

/**
 * A block rule matched: 400 `guardrail_violation`, naming the rule and what matched it (a
 * detector id), never the matched text. On input it comes before any upstream call; in a
 * stream that already started it ends the stream in-band.
 */
export class GuardrailViolationError extends InvalidRequestError {
  readonly rule: string;

  constructor(options: { rule: string; detector: string; direction: 'input' | 'output' }) {
    const where = options.direction === 'input' ? 'The request' : 'The answer';
    super({
      message: `${where} was blocked by guardrail rule '${options.rule}' (${options.detector} matched).`,
      code: 'guardrail_violation',
    });
    this.name = 'GuardrailViolationError';
    this.rule = options.rule;
  }
}
