import { PLATE_ALPHABET, PLATE_CLASSES, type CtcMatrix } from './ctc-likelihood.ts';

/** For tests: a recogniser matrix from rows of { char: p }; whatever is left of each row goes to the gap. */
export function ctcMatrix(rows: Record<string, number>[]): CtcMatrix {
  const probs = new Float32Array(rows.length * PLATE_CLASSES);
  rows.forEach((row, t) => {
    let used = 0;
    for (const [c, p] of Object.entries(row)) {
      probs[t * PLATE_CLASSES + PLATE_ALPHABET.indexOf(c) + 1] = p;
      used += p;
    }
    probs[t * PLATE_CLASSES] = 1 - used;
  });
  return { steps: rows.length, probs };
}
