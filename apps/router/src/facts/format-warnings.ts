import type { SharedV4Warning } from '@ai-sdk/provider';

/** `unsupported:topK;compatibility:responseFormat`, for the `x-switchyard-warnings` header. */
export function formatWarnings(warnings: readonly SharedV4Warning[]): string {
  return warnings
    .slice(0, 16)
    .map((warning) => {
      const subject =
        'feature' in warning ? warning.feature : 'setting' in warning ? warning.setting : '';
      return subject === '' ? warning.type : `${warning.type}:${subject}`;
    })
    .map((entry) => entry.replace(/[^\x21-\x3a\x3c-\x7e]/g, '_'))
    .join(';');
}
