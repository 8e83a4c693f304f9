import { describe, expect, it } from 'vitest';
import type { PlateChar } from './plate-reader.ts';
import { applyPlateGrammar, plateAlternates, plateLikelihood } from './us-plate-grammar.ts';

const chars = (s: string, conf: number[] = []): PlateChar[] => [...s].map((c, i) => ({ c, confidence: conf[i] ?? 0.99 }));
const text = (cs: PlateChar[]) => cs.map((c) => c.c).join('');

describe('US plate grammar', () => {
  it('prefers 5–7 characters that mix letters and digits', () => {
    expect(plateLikelihood('ABC1234')).toBe(1);
    expect(plateLikelihood('ABCDEFG')).toBeLessThan(1);
    expect(plateLikelihood('20140508')).toBeLessThan(0.5);
    expect(plateLikelihood('AB')).toBeLessThan(0.1);
  });
  it('reads O and Q as 0 and fixes unsure look-alikes between digits, never confident ones', () => {
    expect(text(applyPlateGrammar(chars('HLOKTY1')))).toBe('HL0KTY1');
    expect(text(applyPlateGrammar(chars('7S3ABC', [0.99, 0.6, 0.99])))).toBe('753ABC');
    expect(text(applyPlateGrammar(chars('7S3ABC', [0.99, 0.95, 0.99])))).toBe('7S3ABC');
    expect(text(applyPlateGrammar(chars('AB8CD', [0.9, 0.9, 0.5, 0.9, 0.9])))).toBe('ABBCD');
  });
  it('ranks alternates from runner-up characters and look-alikes', () => {
    const alts = plateAlternates([{ c: 'G', confidence: 0.55, alt: '6', altConfidence: 0.4 }, ...chars('T679A')]);
    expect(alts[0]!.text).toBe('6T679A');
    expect(alts.every((a, i) => i === 0 || a.confidence <= alts[i - 1]!.confidence)).toBe(true);
  });
});
