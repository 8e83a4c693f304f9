import { describe, expect, it } from 'vitest';
import { ctcLogLikelihood, foldCtcMatrix } from './ctc-likelihood.ts';
import { ctcMatrix } from './ctc-test-matrix.ts';

const matrix = ctcMatrix;

describe('ctcLogLikelihood', () => {
  it('sums every alignment of the text (forward algorithm), not just the best path', () => {
    const m = matrix([{ A: 0.6, B: 0.1 }, { A: 0.3, B: 0.5 }]);
    // "A": AA, A_, _A;  "AB": AB only;  "B": BB, B_, _B.
    expect(Math.exp(ctcLogLikelihood(m, 'A'))).toBeCloseTo(0.6 * 0.3 + 0.6 * 0.2 + 0.3 * 0.3, 5);
    expect(Math.exp(ctcLogLikelihood(m, 'AB'))).toBeCloseTo(0.6 * 0.5, 5);
    expect(Math.exp(ctcLogLikelihood(m, 'B'))).toBeCloseTo(0.1 * 0.5 + 0.1 * 0.2 + 0.3 * 0.5, 5);
  });
  it('needs a gap between repeated characters and cannot fit more labels than the line allows', () => {
    const m = matrix([{ A: 0.9 }, { A: 0.2 }, { A: 0.9 }]);
    expect(Math.exp(ctcLogLikelihood(m, 'AA'))).toBeCloseTo(0.9 * 0.8 * 0.9, 5);
    expect(ctcLogLikelihood(matrix([{ A: 0.9 }, { A: 0.9 }]), 'AA')).toBe(Number.NEGATIVE_INFINITY);
  });
  it('lets the model’s O and Q back a 0 (US rules read them as 0) and never scores a text with O or Q', () => {
    const m = matrix([{ O: 0.5, '0': 0.3, Q: 0.1 }]);
    expect(Math.exp(ctcLogLikelihood(m, '0'))).toBeCloseTo(0.9, 5);
    expect(ctcLogLikelihood(m, 'O')).toBe(Number.NEGATIVE_INFINITY);
  });
  it('stays finite on a long line (scaled per step)', () => {
    const m = matrix(Array.from({ length: 400 }, (_, t) => (t % 50 === 10 ? { A: 0.99 } : {}) as Record<string, number>));
    const ll = ctcLogLikelihood(m, 'AAAAAAAA');
    expect(Number.isFinite(ll)).toBe(true);
    expect(ll).toBeGreaterThan(ctcLogLikelihood(m, 'AAAAAAA'));
  });
});

describe('foldCtcMatrix', () => {
  it('adds lower and upper case into one class and blank and other symbols into the gap', () => {
    // Model classes: blank, 'a', 'A', '-'.
    const m = foldCtcMatrix(Float32Array.from([0.1, 0.2, 0.3, 0.4]), 1, 4, Int16Array.from([-1, 0, 0, -2]));
    expect(m.probs[0]).toBeCloseTo(0.5);
    expect(m.probs[1]).toBeCloseTo(0.5);
  });
});
