/** `[EMAIL_1]`: a label, an underscore and a number, in square brackets. */
const placeholderPattern = /\[([A-Z][A-Z0-9_]{0,23})_(\d{1,6})\]/g;

/** The longest placeholder there can be: a stream holds this much back to restore one. */
export const maxPlaceholderLength = 1 + 24 + 1 + 6 + 1;

/**
 * A request's numbered placeholders: the same value always gets the same one (`[EMAIL_1]` each
 * time it appears); only values whose every redaction asked for `restore` can be swapped back.
 * @example
 * const map = createPlaceholderMap();
 * map.placeholderFor('ada@lovelace.dev', 'EMAIL', true); // '[EMAIL_1]'
 * map.restore('Wrote to [EMAIL_1].'); // 'Wrote to ada@lovelace.dev.'
 */
export interface PlaceholderMap {
  placeholderFor(value: string, label: string, restore: boolean): string;
  restore(text: string): string;
  /** Whether any placeholder can be restored (else restoring is skipped). */
  readonly restorable: boolean;
}

export function createPlaceholderMap(): PlaceholderMap {
  const byValue = new Map<string, string>();
  const counters = new Map<string, number>();
  const originals = new Map<string, string>();
  return {
    placeholderFor(value, label, restore) {
      let placeholder = byValue.get(value);
      if (placeholder === undefined) {
        const number = (counters.get(label) ?? 0) + 1;
        counters.set(label, number);
        placeholder = `[${label}_${number}]`;
        byValue.set(value, placeholder);
        if (restore) originals.set(placeholder, value);
      } else if (!restore) {
        // Once a value was redacted without restore, it is never given back.
        originals.delete(placeholder);
      }
      return placeholder;
    },
    restore(text) {
      if (originals.size === 0 || !text.includes('[')) return text;
      return text.replace(
        placeholderPattern,
        (placeholder) => originals.get(placeholder) ?? placeholder,
      );
    },
    get restorable() {
      return originals.size > 0;
    },
  };
}
