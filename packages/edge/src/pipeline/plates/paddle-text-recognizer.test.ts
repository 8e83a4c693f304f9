import { describe, expect, it } from 'vitest';
import { ctcDecode } from './paddle-text-recognizer.ts';

// A toy dictionary: class 0 blank, 1 'A', 2 'b' (folds to B), 3 '7', 4 '-' (other symbol).
const classMap = Int16Array.from([-1, 0, 1, 33, -2]);
const steps = (rows: number[][]) => Float32Array.from(rows.flat());

describe('ctcDecode', () => {
  it('collapses repeats, drops blanks and other symbols, folds lower case, and keeps per-character confidence', () => {
    const probs = steps([
      [0.1, 0.9, 0, 0, 0], [0.1, 0.8, 0, 0.1, 0], [0.9, 0.1, 0, 0, 0], [0.1, 0.7, 0, 0.2, 0],
      [0, 0, 0, 0, 1], [0.2, 0, 0.6, 0.2, 0], [0.1, 0, 0.1, 0.8, 0],
    ]);
    const r = ctcDecode(probs, 7, 5, classMap);
    expect(r.text).toBe('AAB7');
    expect(r.chars[0]!.confidence).toBeCloseTo(0.9);
    expect(r.chars[2]).toMatchObject({ c: 'B', alt: '7' });
  });
});
