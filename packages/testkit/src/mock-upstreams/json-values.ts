// Tolerant readers for request bodies: the mock accepts whatever a client sends and never throws.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function recordOf(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Text of a message content: a string, or the `text` of its parts (`text`, `input_text`, ...). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => stringOf(recordOf(part).text))
      .filter((text) => text !== undefined)
      .join('');
  }
  return content === undefined || content === null ? '' : JSON.stringify(content);
}
