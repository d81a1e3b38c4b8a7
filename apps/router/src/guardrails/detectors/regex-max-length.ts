/**
 * An upper bound, in UTF-16 code units, of the text a regular expression can match, lookarounds
 * included (they read text too); `Infinity` for `*`, `+`, `{n,}` and backreferences. Streams hold
 * back this much, so a custom expression must be bounded. The source must already compile.
 * @example maxMatchLength('TICKET-[0-9]{4,8}', false) // 15
 * @example maxMatchLength('secret-\\w+', false) // Infinity
 */
export function maxMatchLength(source: string, unicode: boolean): number {
  const wide = unicode ? 2 : 1;
  let index = 0;

  const alternation = (): number => {
    let longest = sequence();
    while (source[index] === '|') {
      index += 1;
      longest = Math.max(longest, sequence());
    }
    return longest;
  };
  const sequence = (): number => {
    let total = 0;
    while (index < source.length && source[index] !== '|' && source[index] !== ')') {
      const length = atom();
      total += repeat(length);
    }
    return total;
  };
  const repeat = (length: number): number => {
    const quantifier = /^(?:[*+?]|\{(\d+)(?:(,)(\d*))?\})/.exec(source.slice(index));
    if (quantifier === null) return length;
    index += quantifier[0].length;
    if (source[index] === '?') index += 1;
    const [symbol, least, comma, most] = quantifier;
    const times =
      symbol === '?'
        ? 1
        : symbol === '*' || symbol === '+' || (comma !== undefined && most === '')
          ? Number.POSITIVE_INFINITY
          : Number(most ?? least);
    return length === 0 ? 0 : length * times;
  };
  const atom = (): number => {
    const character = source[index] ?? '';
    if (character === '(') return group();
    if (character === '[') return characterClass();
    if (character === '\\') return escaped();
    index += 1;
    if (character === '^' || character === '$') return 0;
    if (character === '.') return wide;
    const code = character.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff) index += 1;
    return code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  };
  const group = (): number => {
    index += 1;
    const named = /^\?<(?![=!])[^>]*>|^\?(?:[:=!]|<[=!])/.exec(source.slice(index));
    if (named !== null) index += named[0].length;
    const length = alternation();
    index += 1;
    return length;
  };
  const characterClass = (): number => {
    index += 1;
    if (source[index] === '^') index += 1;
    if (source[index] === ']') index += 1;
    while (index < source.length && source[index] !== ']') index += source[index] === '\\' ? 2 : 1;
    index += 1;
    return wide;
  };
  const escaped = (): number => {
    const next = source[index + 1] ?? '';
    index += 2;
    if (next === 'b' || next === 'B') return 0;
    if (/[1-9]/.test(next) || next === 'k') return Number.POSITIVE_INFINITY;
    if (next === 'u' && source[index] === '{') {
      index = source.indexOf('}', index) + 1;
      return 2;
    }
    if (next === 'u') index += 4;
    if (next === 'x') index += 2;
    if (next === 'c') index += 1;
    if (next === 'p' || next === 'P') {
      index = source.indexOf('}', index) + 1;
      return 2;
    }
    return /[DWS]/.test(next) ? wide : 1;
  };

  return alternation();
}
