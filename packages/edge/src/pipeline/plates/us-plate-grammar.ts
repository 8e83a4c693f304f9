import type { PlateChar } from './plate-reader.ts';

/** Characters an OCR confuses on plates, letter → digit and digit → letter. */
const LETTER_TO_DIGIT: Record<string, string> = { O: '0', D: '0', Q: '0', I: '1', L: '1', Z: '2', S: '5', B: '8', G: '6', T: '7' };
const DIGIT_TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B', '6': 'G', '7': 'T' };

const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * How plausible a text is as a US plate (0..1): standard serials have 5–7 characters, 8 and 2–4 are vanity/rare, more is noise;
 * a plate mixes letters and digits far more often than not.
 */
export function plateLikelihood(text: string): number {
  const n = text.length;
  const len = n >= 5 && n <= 7 ? 1 : n === 8 ? 0.6 : n === 4 ? 0.5 : n === 3 ? 0.2 : 0.05;
  const digits = [...text].filter(isDigit).length;
  // Words on a vehicle (badges, dealers, lettering) have no digits; nearly every plate has some.
  const mix = digits === 0 ? 0.3 : digits === n ? 0.7 : 1;
  return len * mix;
}

/**
 * Resolves ambiguous characters by the US plate habit of runs: a letter/digit look-alike whose both neighbours
 * are firmly of the other kind (e.g. "7O3" → "703", "AB0C" → "ABOC") takes its neighbours' kind when the
 * reader itself was unsure. Confident characters are never changed, except O and Q, which standard US
 * serials do not issue (vanity plates that use them are read with 0: a known, documented loss).
 */
export function applyPlateGrammar(chars: PlateChar[], unsureBelow = 0.9): PlateChar[] {
  return chars.map((ch, i) => {
    // Standard US serials do not use O or Q (too like 0): read them as 0 whatever the confidence.
    if (ch.c === 'O' || ch.c === 'Q') return { ...ch, c: '0' };
    if (ch.confidence >= unsureBelow) return ch;
    const left = chars[i - 1]?.c;
    const right = chars[i + 1]?.c;
    const neighbours = [left, right].filter((c): c is string => c !== undefined);
    if (neighbours.length === 0) return ch;
    const allDigits = neighbours.every(isDigit);
    const allLetters = neighbours.every((c) => !isDigit(c));
    if (allDigits && !isDigit(ch.c) && LETTER_TO_DIGIT[ch.c]) return { ...ch, c: LETTER_TO_DIGIT[ch.c]!, confidence: ch.confidence * 0.9 };
    if (allLetters && isDigit(ch.c) && DIGIT_TO_LETTER[ch.c] && neighbours.length === 2) {
      return { ...ch, c: DIGIT_TO_LETTER[ch.c]!, confidence: ch.confidence * 0.9 };
    }
    return ch;
  });
}

/** Ranked alternates: swap each unsure character for its runner-up (and its look-alike), best first. */
export function plateAlternates(chars: PlateChar[], limit = 5): { text: string; confidence: number }[] {
  const base = chars.map((c) => c.c);
  const total = chars.reduce((p, c) => p * c.confidence, 1);
  const seen = new Set([base.join('')]);
  const out: { text: string; confidence: number }[] = [];
  chars.forEach((ch, i) => {
    const options: [string, number][] = [];
    if (ch.alt && ch.altConfidence) options.push([ch.alt, ch.altConfidence]);
    const look = LETTER_TO_DIGIT[ch.c] ?? DIGIT_TO_LETTER[ch.c];
    if (look) options.push([look, (1 - ch.confidence) * 0.5]);
    for (const [c, p] of options) {
      const text = [...base.slice(0, i), c, ...base.slice(i + 1)].join('');
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({ text, confidence: (total / Math.max(ch.confidence, 1e-6)) * p });
    }
  });
  return out.sort((a, b) => b.confidence - a.confidence).slice(0, limit);
}

/**
 * Common US standard serial layouts (L = letter, D = digit): California's 1ABC234, the AAA1234 of most
 * states, Illinois-style AB12345, and the older six-character ones.
 */
export const US_PLATE_PATTERNS: readonly string[] = ['DLLLDDD', 'LLLDDDD', 'LLDDDDD', 'LLLDDD', 'DDDLLL', 'DLLLDD', 'LLDDDD'];

const LETTER_TO_DIGIT_WIDE: Record<string, string> = { ...LETTER_TO_DIGIT, A: '4', L: '4', J: '1', E: '3' };
const DIGIT_TO_LETTER_WIDE: Record<string, string> = { ...DIGIT_TO_LETTER, '0': 'D', '1': 'I', '4': 'A', '3': 'E' };

/**
 * Fits a read to the closest common layout when it matches none: each character that breaks the layout is replaced
 * by the reader's own runner-up if that has the right kind, else by its look-alike; the layout needing the least
 * confidence overturned wins, and only unsure characters (below `unsureBelow`) may be overturned.
 */
export function fitPlatePattern(chars: PlateChar[], unsureBelow = 0.97): PlateChar[] {
  const kind = (c: string) => (isDigit(c) ? 'D' : 'L');
  const shape = chars.map((c) => kind(c.c)).join('');
  const candidates = US_PLATE_PATTERNS.filter((p) => p.length === chars.length);
  if (candidates.length === 0 || candidates.includes(shape)) return chars;
  let best: { cost: number; out: PlateChar[] } | null = null;
  for (const pattern of candidates) {
    let cost = 0;
    const out: PlateChar[] = [];
    for (let i = 0; i < chars.length && cost < Infinity; i++) {
      const ch = chars[i]!;
      if (kind(ch.c) === pattern[i]) { out.push(ch); continue; }
      const alt = ch.alt && kind(ch.alt) === pattern[i] && (ch.altConfidence ?? 0) > 0.02 ? ch.alt : null;
      const look = pattern[i] === 'D' ? LETTER_TO_DIGIT_WIDE[ch.c] : DIGIT_TO_LETTER_WIDE[ch.c];
      const c = alt ?? look;
      if (!c || ch.confidence >= unsureBelow) { cost = Infinity; break; }
      cost += ch.confidence;
      out.push({ ...ch, c, confidence: Math.max(ch.altConfidence ?? 0, 1 - ch.confidence) });
    }
    if (cost < (best?.cost ?? Infinity)) best = { cost, out };
  }
  return best?.out ?? chars;
}

/**
 * Two habits of US plates that the reader does not know: emblems, stickers and separator marks between the character
 * groups read as a faint extra character (an inner character below `faintBelow` is dropped while 5 or more remain);
 * and the letter I, which most states do not issue, is read as 1 unless a common layout puts a letter there.
 */
export function applyPlateHabits(chars: PlateChar[], faintBelow = 0.55): PlateChar[] {
  let out = chars;
  const faint = out.map((c, i) => i > 0 && i < out.length - 1 && c.confidence < faintBelow);
  const kept = faint.filter((f) => !f).length;
  if (kept >= 5 && kept < out.length) out = out.filter((_, i) => !faint[i]);
  if (!out.some((c) => c.c === 'I')) return out;
  const shape = out.map((c) => (isDigit(c.c) ? 'D' : 'L')).join('');
  const layoutKeepsLetters = US_PLATE_PATTERNS.includes(shape);
  return layoutKeepsLetters ? out : out.map((c) => (c.c === 'I' ? { ...c, c: '1' } : c));
}
