/** Synthetic plates (US-like layouts) and OCR reads of them, some with realistic misreads. */
import { PLATE_CONFUSION_CLASSES } from '../plates.ts';
import type { PlateRead } from '../vehicle-event.ts';
import type { Random } from './random.ts';
import { PLATE_FORMATS } from './vocabulary.ts';

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'; // most US series skip I, O and Q
const DIGITS = '0123456789';

/** A random plate in one of the US-like layouts of `PLATE_FORMATS`. */
export function randomPlate(rnd: Random): string {
  const format = rnd.weighted(PLATE_FORMATS);
  let out = '';
  for (const f of format) out += f === 'L' ? LETTERS[rnd.int(0, LETTERS.length)] : DIGITS[rnd.int(0, DIGITS.length)];
  return out;
}

const CLASS_OF: Readonly<Record<string, string>> = Object.fromEntries(PLATE_CONFUSION_CLASSES.flatMap((cls) => [...cls].map((c) => [c, cls])));

/** The kinds of misread the generator makes, with their shares. */
export const MISREAD_KINDS = { confusion: 60, dropped: 20, extra: 10, other: 10 } as const;

/** `plate` with one misread applied; returns the text and the index of the damaged character. */
function misread(rnd: Random, plate: string): { text: string; at: number; kind: keyof typeof MISREAD_KINDS } {
  const kind = rnd.weighted(MISREAD_KINDS);
  const confusable = [...plate].map((c, i) => (CLASS_OF[c] ? i : -1)).filter((i) => i >= 0);
  if (kind === 'confusion' && confusable.length) {
    const at = rnd.pick(confusable);
    const others = [...CLASS_OF[plate[at]!]!].filter((c) => c !== plate[at]);
    return { text: plate.slice(0, at) + rnd.pick(others) + plate.slice(at + 1), at, kind };
  }
  const at = rnd.int(0, plate.length);
  if (kind === 'extra') return { text: plate.slice(0, at + 1) + plate[at] + plate.slice(at + 1), at: at + 1, kind };
  if (kind === 'other') return { text: plate.slice(0, at) + rnd.pick([...LETTERS, ...DIGITS].filter((c) => c !== plate[at])) + plate.slice(at + 1), at, kind };
  return { text: plate.slice(0, at) + plate.slice(at + 1), at: Math.min(at, plate.length - 2), kind: 'dropped' };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * An OCR read of `plate`: with probability `noise` one misread (lower confidence on the damaged
 * character; for a look-alike swap, usually the truth as an alternate), otherwise the plate with high per-character confidence.
 */
export function readPlate(rnd: Random, plate: string, noise: number): PlateRead {
  const damaged = rnd.chance(noise) ? misread(rnd, plate) : null;
  const text = damaged?.text ?? plate;
  const chars = [...text].map((c, i) => ({ c, confidence: round2(i === damaged?.at ? 0.35 + 0.3 * rnd.next() : 0.88 + 0.11 * rnd.next()) }));
  const confidence = round2(Math.min(...chars.map((x) => x.confidence)) * (0.95 + 0.05 * rnd.next()));
  // A reader usually offers the look-alike it rejected; after a dropped or garbled character it cannot.
  const offered = damaged?.kind === 'confusion' && rnd.chance(0.7);
  const alternates = offered ? [{ text: plate, confidence: round2(0.15 + 0.25 * rnd.next()) }] : [];
  return { text, confidence, chars, alternates };
}
