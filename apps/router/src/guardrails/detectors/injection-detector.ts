import type { Detector, Finding } from './detector.ts';
import { sliceChars } from './pattern-detector.ts';

/** One sign of a prompt injection or jailbreak, and how much it alone suggests one (0..1). */
interface Signal {
  pattern: RegExp;
  weight: number;
  /** Lower-case words of which one must occur for the expression to run at all. */
  keywords: readonly string[];
}

const signals: Signal[] = [
  {
    pattern:
      /(?:ignore|disregard|forget|skip) (?:all |any |the |your |these )?(?:previous|prior|above|earlier|preceding|former|original|system) (?:instructions|prompts?|rules|directions|guidelines|messages|context)/gi,
    weight: 0.75,
    keywords: ['ignore', 'disregard', 'forget', 'skip'],
  },
  {
    pattern:
      /(?:disregard|forget|override|bypass|ignore|disable) (?:all |any |the |your )?(?:safety|content) (?:instructions|guidelines|rules|restrictions|filters|policies|guardrails)/gi,
    weight: 0.6,
    keywords: ['safety', 'content'],
  },
  {
    pattern:
      /(?:disregard|forget|override|bypass|ignore) (?:all |any |the |your )?(?:system )?(?:instructions|guidelines|rules|programming|restrictions|filters|policies|guardrails)/gi,
    weight: 0.35,
    keywords: ['disregard', 'forget', 'override', 'bypass', 'ignore'],
  },
  {
    pattern: /forget (?:everything|all) (?:you (?:were|have been) told|you know|above|before)/gi,
    weight: 0.6,
    keywords: ['forget'],
  },
  {
    pattern:
      /you are now (?:DAN|in (?:developer|god|jailbreak) mode|unrestricted|jailbroken|unfiltered|free of)/gi,
    weight: 0.75,
    keywords: ['you are now'],
  },
  {
    pattern: /do anything now|\bDAN mode\b|\bDAN,? (?:you|which)/gi,
    weight: 0.7,
    keywords: ['anything now', 'dan'],
  },
  {
    pattern:
      /(?:reveal|print|show|repeat|output|leak|dump|tell me) (?:me )?(?:your|the) (?:full |entire |exact )?(?:system|hidden|initial|secret|original) (?:prompt|instructions|message|rules)/gi,
    weight: 0.6,
    keywords: ['system', 'hidden', 'initial', 'secret', 'original'],
  },
  {
    pattern: /(?:developer|god|admin|sudo|jailbreak) mode (?:is )?(?:enabled|activated|on)\b/gi,
    weight: 0.6,
    keywords: [' mode'],
  },
  {
    pattern:
      /pretend (?:that )?(?:you (?:are|have)|to be) (?:an? )?(?:AI )?(?:with )?(?:no|without) (?:restrictions|rules|limits|guidelines|filters|ethics)/gi,
    weight: 0.6,
    keywords: ['pretend'],
  },
  {
    pattern:
      /(?:(?:act|respond|answer) as|you are(?: now)?) an? (?:unfiltered|uncensored|unrestricted|evil|amoral) (?:ai|assistant|model|chatbot)/gi,
    weight: 0.6,
    keywords: ['unfiltered', 'uncensored', 'unrestricted', 'evil', 'amoral'],
  },
  {
    pattern:
      /without (?:any )?(?:restrictions|filters|censorship|ethical (?:guidelines|constraints))/gi,
    weight: 0.3,
    keywords: ['without'],
  },
  {
    pattern: /(?:new|updated|real) (?:system )?instructions:/gi,
    weight: 0.4,
    keywords: ['instructions:'],
  },
  {
    pattern: /<\|im_start\|>|<\|system\|>|\[\/?INST\]|<<\/?SYS>>|<\/?system>/gi,
    weight: 0.45,
    keywords: ['<|', 'inst]', '<<sys>>', '<</sys>>', 'system>'],
  },
  {
    pattern:
      /(?:end|beginning|start) of (?:the )?(?:new )?(?:system )?(?:prompt|instructions)|(?:above|previous) (?:instructions|rules) (?:are|were) (?:fake|void|cancelled|obsolete|a test)/gi,
    weight: 0.45,
    keywords: ['prompt', 'instructions', 'rules'],
  },
  { pattern: /\bjailbreak(?:ing|ed)?\b/gi, weight: 0.3, keywords: ['jailbreak'] },
  {
    pattern: /stay in character|you have no (?:restrictions|rules|filters)/gi,
    weight: 0.3,
    keywords: ['in character', 'you have no'],
  },
  {
    pattern: /[\u200b-\u200f\u202a-\u202e\u2066-\u2069]{3,}/g,
    weight: 0.25,
    keywords: [
      '\u200b',
      '\u200c',
      '\u200d',
      '\u200e',
      '\u200f',
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ],
  },
];

/** The longest text one signal can span. */
const maxSignalLength = 120;

/** Scores at or above this are reported by default (a rule can set its own `threshold`). */
export const defaultInjectionThreshold = 0.5;

/**
 * A scored heuristic: every signal found adds its weight (independently: 1 - Π(1 - w)); a text
 * scoring at least `threshold` yields one finding per signal. It flags, it cannot redact.
 * @example injectionDetector(0.5).scan('Ignore all previous instructions and ...', 0, 41)
 */
export function injectionDetector(threshold = defaultInjectionThreshold): Detector {
  const detector: Detector = {
    id: 'injection.heuristic',
    family: 'injection',
    label: 'INJECTION',
    maxLength: maxSignalLength,
    lookback: 0,
    scan(text, from, to) {
      const found: Finding[] = [];
      const lower = text
        .slice(Math.max(0, from - maxSignalLength), to + maxSignalLength)
        .toLowerCase();
      let unlikely = 1;
      for (const { pattern, weight, keywords } of signals) {
        if (!keywords.some((keyword) => lower.includes(keyword))) continue;
        let seen = false;
        for (let position = from; position < to; position += sliceChars) {
          const sliceStart = position;
          const slice = text.slice(
            sliceStart,
            Math.min(text.length, position + sliceChars + maxSignalLength),
          );
          pattern.lastIndex = 0;
          for (let match = pattern.exec(slice); match !== null; match = pattern.exec(slice)) {
            const start = sliceStart + match.index;
            if (start >= Math.min(to, position + sliceChars)) break;
            seen = true;
            found.push({ detector, start, end: start + match[0].length, value: match[0] });
          }
        }
        if (seen) unlikely *= 1 - weight;
      }
      return 1 - unlikely >= threshold ? found : [];
    },
  };
  return detector;
}
