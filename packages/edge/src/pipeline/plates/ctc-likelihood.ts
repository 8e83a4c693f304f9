/** The plate alphabet the recogniser's output is folded onto: class 0 is the gap (CTC blank or any other symbol). */
export const PLATE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const PLATE_CLASSES = PLATE_ALPHABET.length + 1;

/** One read line's CTC output folded to PLATE_CLASSES per time step: `probs[t * PLATE_CLASSES + k]`, rows sum to ~1. */
export interface CtcMatrix {
  steps: number;
  probs: Float32Array;
}

/**
 * Which recogniser classes count as each plate character: the US rules read O and Q as 0 whatever the context, so
 * the model's O and Q back a 0, and a text with O or Q is not a plate. (I → 1 depends on the layout: applied after.)
 */
function sourcesOf(c: string): number[] {
  const k = PLATE_ALPHABET.indexOf(c);
  if (k < 0 || c === 'O' || c === 'Q') return [];
  if (c === '0') return [k, PLATE_ALPHABET.indexOf('O'), PLATE_ALPHABET.indexOf('Q')].map((i) => i + 1);
  return [k + 1];
}

const FLOOR = 1e-6;

/**
 * log P(text | matrix) under CTC: the forward algorithm over the text's blank-extended labels, summing every
 * alignment (repeats and gaps) rather than taking the single best path. Scaled per step, so long lines do not underflow;
 * each probability is floored at 1e-6 so one unseen character costs a bounded amount instead of -Infinity.
 */
export function ctcLogLikelihood(m: CtcMatrix, text: string): number {
  const labels = [...text].map(sourcesOf);
  if (labels.some((l) => l.length === 0)) return Number.NEGATIVE_INFINITY;
  const S = 2 * labels.length + 1;
  if (m.steps < labels.length) return Number.NEGATIVE_INFINITY;
  let alpha = new Float64Array(S);
  let next = new Float64Array(S);
  const emit = (t: number, s: number): number => {
    const row = t * PLATE_CLASSES;
    if (s % 2 === 0) return Math.max(FLOOR, m.probs[row]!);
    let p = 0;
    for (const k of labels[(s - 1) / 2]!) p += m.probs[row + k]!;
    return Math.max(FLOOR, p);
  };
  alpha[0] = emit(0, 0);
  if (S > 1) alpha[1] = emit(0, 1);
  let logScale = 0;
  for (let t = 0; ; t++) {
    let sum = 0;
    for (let s = 0; s < S; s++) sum += alpha[s]!;
    if (sum <= 0) return Number.NEGATIVE_INFINITY;
    logScale += Math.log(sum);
    for (let s = 0; s < S; s++) alpha[s] = alpha[s]! / sum;
    if (t === m.steps - 1) break;
    for (let s = 0; s < S; s++) {
      let a = alpha[s]! + (s > 0 ? alpha[s - 1]! : 0);
      // A label may follow the label before the gap unless it is the same character (CTC needs a gap between repeats).
      if (s % 2 === 1 && s > 1 && text[(s - 1) / 2] !== text[(s - 3) / 2]) a += alpha[s - 2]!;
      next[s] = a * emit(t + 1, s);
    }
    [alpha, next] = [next, alpha];
  }
  const end = alpha[S - 1]! + (S > 1 ? alpha[S - 2]! : 0);
  return end > 0 ? logScale + Math.log(end) : Number.NEGATIVE_INFINITY;
}

/** Folds a recogniser output row by row: each model class adds to its plate class (`classMap`: 0..35, -1 blank, -2 other). */
export function foldCtcMatrix(probs: Float32Array, steps: number, classes: number, classMap: Int16Array): CtcMatrix {
  const out = new Float32Array(steps * PLATE_CLASSES);
  for (let t = 0; t < steps; t++) {
    const src = t * classes;
    const dst = t * PLATE_CLASSES;
    for (let k = 0; k < classes; k++) {
      const m = classMap[k]!;
      const i = dst + (m >= 0 ? m + 1 : 0);
      out[i] = out[i]! + probs[src + k]!;
    }
  }
  return { steps, probs: out };
}
