import * as ort from 'onnxruntime-node';
import { resizeRgb, type Rect, type RgbImage, type RotatedRect } from '../capture/rgb-image.ts';

/** A text line found by the detector: its rect in the input image's pixels and the mean text probability. */
export interface TextBox {
  rect: Rect;
  score: number;
  /** The line's own orientation (principal axis of its pixels), unclipped like `rect`. */
  rotated: RotatedRect;
}

/** Options of the DB post-processing (PaddleOCR defaults, tuned for short lines). */
export interface TextDetectOptions {
  maxSide?: number;
  threshold?: number;
  boxThreshold?: number;
  unclipRatio?: number;
  minSize?: number;
}

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** PaddleOCR v4 text detection (DB) on onnxruntime: axis-aligned text-line boxes. */
export class PaddleTextDetector {
  private constructor(private readonly session: ort.InferenceSession) {}

  /** Loads the det model with one intra-op thread (parallelism comes from workers, not threads). */
  static async load(path: string): Promise<PaddleTextDetector> {
    return new PaddleTextDetector(await ort.InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1 }));
  }

  /** Finds text lines; the image is scaled so its longest side is `maxSide` (multiple of 32, up or down). */
  async detect(img: RgbImage, opts: TextDetectOptions = {}): Promise<TextBox[]> {
    const maxSide = opts.maxSide ?? 640;
    const scale = maxSide / Math.max(img.width, img.height);
    const w = Math.max(32, Math.round((img.width * scale) / 32) * 32);
    const h = Math.max(32, Math.round((img.height * scale) / 32) * 32);
    const input = resizeRgb(img, w, h);
    const plane = w * h;
    const t = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      // BGR order, as PaddleOCR reads images with OpenCV.
      for (let c = 0; c < 3; c++) t[c * plane + i] = (input.data[i * 3 + (2 - c)]! / 255 - MEAN[c]!) / STD[c]!;
    }
    const out = await this.session.run({ x: new ort.Tensor('float32', t, [1, 3, h, w]) });
    const prob = out[this.session.outputNames[0]!]!.data as Float32Array;
    const boxes = dbBoxes(prob, w, h, opts);
    const fx = img.width / w;
    const fy = img.height / h;
    return boxes.map((b) => ({ score: b.score, rect: [b.rect[0] * fx, b.rect[1] * fy, b.rect[2] * fx, b.rect[3] * fy], rotated: scaleRotated(b.rotated, fx, fy) }));
  }

  /** Releases the ONNX session. */
  async close(): Promise<void> {
    await this.session.release();
  }
}

/** DB post-processing: threshold, connected components, mean score, axis-aligned unclip. */
export function dbBoxes(prob: Float32Array, w: number, h: number, opts: TextDetectOptions = {}): TextBox[] {
  const thr = opts.threshold ?? 0.3;
  const boxThr = opts.boxThreshold ?? 0.5;
  const unclip = opts.unclipRatio ?? 1.6;
  const minSize = opts.minSize ?? 3;
  const label = new Int32Array(w * h);
  const stack: number[] = [];
  const boxes: TextBox[] = [];
  let next = 0;
  for (let start = 0; start < w * h; start++) {
    if (prob[start]! <= thr || label[start] !== 0) continue;
    next++;
    label[start] = next;
    stack.push(start);
    let x0 = w, y0 = h, x1 = -1, y1 = -1, sum = 0, n = 0;
    let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      sum += prob[p]!;
      n++;
      sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
      if (x > 0 && label[p - 1] === 0 && prob[p - 1]! > thr) { label[p - 1] = next; stack.push(p - 1); }
      if (x < w - 1 && label[p + 1] === 0 && prob[p + 1]! > thr) { label[p + 1] = next; stack.push(p + 1); }
      if (y > 0 && label[p - w] === 0 && prob[p - w]! > thr) { label[p - w] = next; stack.push(p - w); }
      if (y < h - 1 && label[p + w] === 0 && prob[p + w]! > thr) { label[p + w] = next; stack.push(p + w); }
    }
    const bw = x1 - x0 + 1;
    const bh = y1 - y0 + 1;
    if (Math.min(bw, bh) < minSize || sum / n < boxThr) continue;
    // Unclip like PaddleOCR: grow by area * ratio / perimeter on every side (the pixel area, not the rect's).
    const d = (n * unclip) / (2 * (bw + bh));
    const rx0 = Math.max(0, x0 - d);
    const ry0 = Math.max(0, y0 - d);
    const rx1 = Math.min(w, x1 + 1 + d);
    const ry1 = Math.min(h, y1 + 1 + d);
    boxes.push({ rect: [rx0, ry0, rx1 - rx0, ry1 - ry0], score: sum / n, rotated: orientedBox(n, sx, sy, sxx, syy, sxy, d) });
  }
  return boxes;
}

/** The component's oriented box from its pixel moments: principal axis angle, extents of a uniform bar (±√3σ), grown by `d`. */
function orientedBox(n: number, sx: number, sy: number, sxx: number, syy: number, sxy: number, d: number): RotatedRect {
  const mx = sx / n, my = sy / n;
  const cxx = sxx / n - mx * mx, cyy = syy / n - my * my, cxy = sxy / n - mx * my;
  const angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
  const tr = cxx + cyy, det = cxx * cyy - cxy * cxy;
  const disc = Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
  const l1 = tr / 2 + disc, l2 = Math.max(0, tr / 2 - disc);
  return { cx: mx + 0.5, cy: my + 0.5, w: 2 * Math.sqrt(3 * l1) + 1 + 2 * d, h: 2 * Math.sqrt(3 * l2) + 1 + 2 * d, angle };
}

function scaleRotated(r: RotatedRect, fx: number, fy: number): RotatedRect {
  const c = Math.cos(r.angle), s = Math.sin(r.angle);
  return { cx: r.cx * fx, cy: r.cy * fy, w: r.w * Math.hypot(c * fx, s * fy), h: r.h * Math.hypot(s * fx, c * fy), angle: Math.atan2(s * fy, c * fx) };
}
