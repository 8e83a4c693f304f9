import { describe, expect, it } from 'vitest';
import type { CtcMatrix } from './ctc-likelihood.ts';
import { ctcMatrix } from './ctc-test-matrix.ts';
import type { PlateReading } from './plate-reader.ts';
import { fuseEvidence, fusePlates } from './plate-fusion.ts';

/**
 * A line as the recogniser would see it: each character one step with its distribution ({ char: p }, the rest to
 * the gap), a clear gap step between characters.
 */
const line = (chars: Record<string, number>[]): CtcMatrix => ctcMatrix(chars.flatMap((c) => [{}, c]).concat([{}]));
const sure = (text: string) => [...text].map((c) => ({ [c]: 0.95 }));
/** A reading whose decoded text is each place's most likely character, with the line as its evidence. */
const reading = (chars: Record<string, number>[], evidence = true): PlateReading => {
  const best = chars.map((c) => Object.entries(c).sort((a, b) => b[1] - a[1])[0]!);
  return {
    text: best.map(([c]) => c).join(''), confidence: best.reduce((s, [, p]) => s + p, 0) / best.length,
    chars: best.map(([c, p]) => ({ c, confidence: p })), alternates: [], box: [0, 0, 10, 5],
    ...(evidence ? { evidence: [line(chars)] } : {}),
  };
};

describe('fusePlates', () => {
  it('falls back to the string vote when the reads carry no recogniser output', () => {
    const v = fusePlates([reading(sure('ABC123'), false), reading(sure('ABC123'), false)]);
    expect(v?.text).toBe('ABC123');
    expect(fusePlates([])).toBeNull();
  });

  it('finds the text all frames support best, even when every frame decoded a different slip', () => {
    // Each frame narrowly prefers a wrong character at a different place; the right one is a close second everywhere.
    const slip = (i: number, wrong: string) => sure('ABC123').map((c, j) => (j === i ? { [wrong]: 0.5, [Object.keys(c)[0]!]: 0.45 } : c));
    const frames = [reading(slip(0, 'R')), reading(slip(2, 'G')), reading(slip(5, '8'))];
    expect(frames.map((f) => f.text)).toEqual(['RBC123', 'ABG123', 'ABC128']);
    const v = fusePlates(frames)!;
    expect(v.text).toBe('ABC123');
    expect(v.chars.map((c) => c.c).join('')).toBe('ABC123');
    // The contested places are less sure than the clear ones; alternates rank below the winner.
    expect(v.chars[0]!.confidence).toBeLessThan(v.chars[1]!.confidence);
    expect(v.alternates.length).toBeGreaterThan(0);
    expect(v.alternates[0]!.confidence).toBeLessThan(v.confidence);
  });

  it('weighs how sure each frame was, not how many frames decoded a string', () => {
    // Two frames barely read an 8 where one frame clearly saw a B, which the other two also found likely.
    const unsure = sure('AB1234').map((c, j) => (j === 1 ? { 8: 0.5, B: 0.48 } : c));
    const clear = sure('AB1234').map((c, j) => (j === 1 ? { B: 0.9, 8: 0.08 } : c));
    expect(fusePlates([reading(unsure), reading(unsure), reading(clear)])!.text).toBe('AB1234');
  });

  it('does not let one frame that saw another line veto the plate', () => {
    const plate = reading(sure('XYZ789'));
    const other = reading(sure('SALE'));
    expect(fusePlates([plate, plate, other])!.text).toBe('XYZ789');
  });

  it('reads an I as 1 unless a common layout puts a letter there', () => {
    expect(fusePlates([reading(sure('I23456'))])!.text).toBe('123456');
    expect(fusePlates([reading(sure('6TIX874'))])!.text).toBe('6TIX874');
  });

  it('adds up readings that become the same plate: I and 1 together beat a likelier 7', () => {
    const split = sure('123456').map((c, j) => (j === 0 ? { 7: 0.4, I: 0.3, 1: 0.3 } : c));
    expect(fusePlates([reading(split), reading(split)])!.text).toBe('123456');
  });
});

describe('fuseEvidence', () => {
  it('reads one view from all its reads (paddings) and gives each character its runner-up', () => {
    const pads = [
      line(sure('SB3X6N').map((c, j) => (j === 4 ? { G: 0.5, 6: 0.45 } : c))),
      line(sure('SB3X6N').map((c, j) => (j === 4 ? { 6: 0.7, G: 0.25 } : c))),
      line(sure('SB3X6N').map((c, j) => (j === 4 ? { G: 0.48, 6: 0.47 } : c))),
    ];
    const f = fuseEvidence([{ evidence: pads, text: 'SB3XGN' }], ['SB3XGN'])!;
    expect(f.text).toBe('SB3X6N');
    expect(f.chars[4]).toMatchObject({ c: '6', alt: 'G' });
    expect(f.alternates[0]!.text).toBe('SB3XGN');
  });
  it('returns null without evidence', () => expect(fuseEvidence([{ evidence: [], text: 'AB12' }], ['AB12'])).toBeNull());
});
