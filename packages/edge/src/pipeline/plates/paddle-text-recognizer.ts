import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { resizeRgb, type RgbImage } from '../capture/rgb-image.ts';
import { foldCtcMatrix, type CtcMatrix } from './ctc-likelihood.ts';

/** One recognised character with its probability and the runner-up A–Z0–9 reading at the same place. */
export interface RecChar {
  c: string;
  confidence: number;
  alt: string | null;
  altConfidence: number;
}

/** A recognised line restricted to A–Z0–9 (lower case folded up); `meanConfidence` is over its characters. */
export interface RecLine {
  text: string;
  chars: RecChar[];
  meanConfidence: number;
  /** The whole output folded to gap + A–Z0–9, kept so that several reads of one plate can be fused by likelihood. */
  matrix?: CtcMatrix;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const REC_H = 48;

/** PaddleOCR v4 recognition on onnxruntime, decoded by CTC over blank + A–Z0–9 + "anything else". */
export class PaddleTextRecognizer {
  private constructor(
    private readonly session: ort.InferenceSession,
    /** For each model class: index into ALNUM, -1 for the blank, -2 for any other symbol. */
    private readonly classMap: Int16Array,
  ) {}

  /** Loads the rec model and its dictionary (class 0 is the CTC blank, then one class per line, then space). */
  static async load(modelPath: string, keysPath: string): Promise<PaddleTextRecognizer> {
    const keys = readFileSync(keysPath, 'utf8').split('\n');
    if (keys.at(-1) === '') keys.pop();
    const classMap = new Int16Array(keys.length + 2).fill(-2);
    classMap[0] = -1;
    keys.forEach((k, i) => {
      const idx = ALNUM.indexOf(k.toUpperCase());
      if (k.length === 1 && idx >= 0) classMap[i + 1] = idx;
    });
    const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    return new PaddleTextRecognizer(session, classMap);
  }

  /** Reads one text-line crop. */
  async recognize(line: RgbImage): Promise<RecLine> {
    const w = Math.max(16, Math.min(640, Math.round((line.width * REC_H) / line.height)));
    const img = resizeRgb(line, w, REC_H);
    const plane = w * REC_H;
    const t = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      for (let c = 0; c < 3; c++) t[c * plane + i] = (img.data[i * 3 + (2 - c)]! / 255 - 0.5) / 0.5;
    }
    const out = await this.session.run({ x: new ort.Tensor('float32', t, [1, 3, REC_H, w]) });
    const tensor = out[this.session.outputNames[0]!]!;
    const [, steps, classes] = tensor.dims as [number, number, number];
    const probs = tensor.data as Float32Array;
    return { ...ctcDecode(probs, steps!, classes!, this.classMap), matrix: foldCtcMatrix(probs, steps!, classes!, this.classMap) };
  }

  /** Releases the ONNX session. */
  async close(): Promise<void> {
    await this.session.release();
  }
}

/** Greedy CTC over {blank, A–Z0–9 (upper+lower merged), other}; "other" separates like a blank but is dropped. */
export function ctcDecode(probs: Float32Array, steps: number, classes: number, classMap: Int16Array): RecLine {
  const chars: RecChar[] = [];
  const agg = new Float32Array(ALNUM.length);
  let prev = -1;
  for (let s = 0; s < steps; s++) {
    agg.fill(0);
    let blank = 0;
    let other = 0;
    const base = s * classes;
    for (let k = 0; k < classes; k++) {
      const p = probs[base + k]!;
      const m = classMap[k]!;
      if (m >= 0) agg[m] = agg[m]! + p;
      else if (m === -1) blank += p;
      else other += p;
    }
    let best = 0, second = -1;
    for (let k = 1; k < agg.length; k++) {
      if (agg[k]! > agg[best]!) { second = best; best = k; } else if (second < 0 || agg[k]! > agg[second]!) second = k;
    }
    const pBest = agg[best]!;
    if (pBest <= blank || pBest <= other) { prev = -1; continue; }
    if (best === prev) {
      const last = chars[chars.length - 1]!;
      if (pBest > last.confidence) { last.confidence = pBest; last.alt = ALNUM[second]!; last.altConfidence = agg[second]!; }
      continue;
    }
    chars.push({ c: ALNUM[best]!, confidence: pBest, alt: second >= 0 ? ALNUM[second]! : null, altConfidence: second >= 0 ? agg[second]! : 0 });
    prev = best;
  }
  const text = chars.map((c) => c.c).join('');
  const meanConfidence = chars.length ? chars.reduce((s, c) => s + c.confidence, 0) / chars.length : 0;
  return { text, chars, meanConfidence };
}
