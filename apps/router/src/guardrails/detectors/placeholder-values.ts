/** Fragments that mark a value as an example, a template slot or a masked value. */
const placeholderFragments = [
  'example',
  'your',
  'xxxx',
  'placeholder',
  'dummy',
  'redacted',
  'changeme',
  'change_me',
  'insert',
  'replace',
  'sample',
  'fake',
  'test_key',
  'testkey',
  '...',
  '***',
  '<',
  '>',
  '{{',
  '${',
  '0000000',
  '1234567',
  'abcdefgh',
];

/**
 * The allow-list every secret rule passes its value through: documentation examples
 * (`AKIAIOSFODNN7EXAMPLE`), template slots (`YOUR_API_KEY`, `sk-...`, `<token>`), masked values
 * (`sk-****`) and runs of one character are not secrets.
 * @example isPlaceholderValue('sk-...') // true
 */
export function isPlaceholderValue(value: string): boolean {
  const lower = value.toLowerCase();
  if (placeholderFragments.some((fragment) => lower.includes(fragment))) return true;
  return new Set(lower).size <= 3;
}
