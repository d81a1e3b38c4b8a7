import { SwitchyardError, type SwitchyardErrorOptions } from './switchyard-error.ts';

const symbol = Symbol.for('switchyard.ai-sdk-provider.error.SwitchyardModelNotFoundError');

export interface SwitchyardModelNotFoundErrorOptions extends SwitchyardErrorOptions {
  modelId?: string;
}

/**
 * The router serves no model by that id: neither an alias nor `provider/model` of a configured
 * provider (404). `gateway.getAvailableModels()` lists what it serves.
 * @example
 * try {
 *   await generateText({ model: gateway('nope/model'), prompt: 'Hi' });
 * } catch (error) {
 *   if (SwitchyardModelNotFoundError.isInstance(error)) console.error(`no ${error.modelId}`);
 * }
 */
export class SwitchyardModelNotFoundError extends SwitchyardError {
  readonly [symbol] = true;
  readonly modelId: string | undefined;

  constructor(options: SwitchyardModelNotFoundErrorOptions) {
    super(options);
    this.name = 'SwitchyardModelNotFoundError';
    this.modelId = options.modelId;
  }

  static override isInstance(error: unknown): error is SwitchyardModelNotFoundError {
    return SwitchyardError.isInstance(error) && symbol in error;
  }
}
