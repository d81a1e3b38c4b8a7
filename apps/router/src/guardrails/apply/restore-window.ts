import { maxPlaceholderLength, type PlaceholderMap } from './placeholder-map.ts';

/**
 * Restores placeholders in a streamed text: a `[` that could still start a placeholder is held
 * until it closes or cannot be one, so `[EMA` + `IL_1]` comes back whole.
 * @example const restore = createRestoreWindow(map); send(restore.push('Hi [EMA')); // 'Hi '
 */
export interface RestoreWindow {
  push(text: string): string;
  end(): string;
}

export function createRestoreWindow(placeholders: PlaceholderMap): RestoreWindow {
  let held = '';
  return {
    push(text) {
      if (!placeholders.restorable) return text;
      held += text;
      const open = held.lastIndexOf('[');
      const mayContinue =
        open !== -1 && held.length - open < maxPlaceholderLength && !held.includes(']', open);
      const ready = mayContinue ? held.slice(0, open) : held;
      held = mayContinue ? held.slice(open) : '';
      return placeholders.restore(ready);
    },
    end() {
      const rest = held;
      held = '';
      return placeholders.restore(rest);
    },
  };
}
