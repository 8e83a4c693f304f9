import { iou, resizeRgb, type Rect, type RgbImage } from '../capture/rgb-image.ts';
import type { Detection, DetectedClass } from './object-detector.ts';

/** YOLO output layouts: v5 `[1, N, 5 + classes]` (cx, cy, w, h, objectness, scores); v8 `[1, 4 + classes, N]` (no objectness). */
export type YoloLayout = 'v5' | 'v8';

/** COCO-80 indices (0-based) of the classes camnet keeps; a custom model passes its own map. */
export const COCO_CLASS_MAP: Readonly<Record<number, DetectedClass>> = { 0: 'person', 1: 'bicycle', 2: 'car', 3: 'motorcycle', 5: 'bus', 7: 'truck' };

/** How a frame was fitted into the square model input: scale, then padding on the left and top. */
export interface Letterbox {
  scale: number;
  padX: number;
  padY: number;
}

/** Fits a frame into `size`×`size` keeping its aspect (grey 114 padding, centred); returns CHW float 0..1. */
export function letterbox(frame: RgbImage, size: number): { tensor: Float32Array; box: Letterbox } {
  const scale = Math.min(size / frame.width, size / frame.height);
  const w = Math.max(1, Math.round(frame.width * scale));
  const h = Math.max(1, Math.round(frame.height * scale));
  const padX = Math.floor((size - w) / 2);
  const padY = Math.floor((size - h) / 2);
  const img = resizeRgb(frame, w, h);
  const plane = size * size;
  const tensor = new Float32Array(3 * plane).fill(114 / 255);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * 3;
      const d = (y + padY) * size + x + padX;
      tensor[d] = img.data[s]! / 255;
      tensor[plane + d] = img.data[s + 1]! / 255;
      tensor[2 * plane + d] = img.data[s + 2]! / 255;
    }
  }
  return { tensor, box: { scale, padX, padY } };
}

/** Guesses the layout from the output dims: rows of 5 + classes are v5, rows (or columns) of 4 + classes are v8. */
export function guessLayout(dims: readonly number[], numClasses: number): { layout: YoloLayout; transposed: boolean } {
  const [, a = 0, b = 0] = dims;
  if (b === numClasses + 5) return { layout: 'v5', transposed: false };
  if (a === numClasses + 4) return { layout: 'v8', transposed: true };
  if (b === numClasses + 4) return { layout: 'v8', transposed: false };
  throw new Error(`unrecognised YOLO output shape [${dims.join(', ')}] for ${numClasses} classes`);
}

/** Options of `decodeYolo`. */
export interface DecodeOptions {
  numClasses: number;
  classMap: Readonly<Record<number, DetectedClass>>;
  minScore: (cls: DetectedClass) => number;
  frameWidth: number;
  frameHeight: number;
  iouThreshold?: number;
}

/** Decodes a YOLO output into detections in frame pixels (letterbox undone, clamped), NMS applied. */
export function decodeYolo(out: Float32Array, dims: readonly number[], lb: Letterbox, o: DecodeOptions): Detection[] {
  const { layout, transposed } = guessLayout(dims, o.numClasses);
  const stride = layout === 'v5' ? o.numClasses + 5 : o.numClasses + 4;
  const n = transposed ? dims[2]! : dims[1]!;
  const at = (i: number, k: number) => (transposed ? out[k * n + i]! : out[i * stride + k]!);
  const first = layout === 'v5' ? 5 : 4;
  const found: Detection[] = [];
  for (let i = 0; i < n; i++) {
    let best = -1, bestScore = 0;
    for (let c = 0; c < o.numClasses; c++) {
      const s = at(i, first + c);
      if (s > bestScore) { best = c; bestScore = s; }
    }
    const cls = o.classMap[best];
    const score = layout === 'v5' ? bestScore * at(i, 4) : bestScore;
    if (!cls || !(score >= o.minScore(cls))) continue;
    found.push({ cls, score, box: toFrameRect(at(i, 0), at(i, 1), at(i, 2), at(i, 3), lb, o) });
  }
  return nmsDetections(found, o.iouThreshold ?? 0.45);
}

function toFrameRect(cx: number, cy: number, w: number, h: number, lb: Letterbox, o: DecodeOptions): Rect {
  const x0 = Math.max(0, (cx - w / 2 - lb.padX) / lb.scale);
  const y0 = Math.max(0, (cy - h / 2 - lb.padY) / lb.scale);
  const x1 = Math.min(o.frameWidth, (cx + w / 2 - lb.padX) / lb.scale);
  const y1 = Math.min(o.frameHeight, (cy + h / 2 - lb.padY) / lb.scale);
  return [x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)];
}

/** Greedy NMS, class-agnostic among vehicles (a car and a truck on the same pixels are one vehicle), persons apart. */
export function nmsDetections(dets: Detection[], iouThreshold: number): Detection[] {
  const kept: Detection[] = [];
  for (const d of [...dets].sort((a, b) => b.score - a.score)) {
    const clash = kept.some((k) => (k.cls === 'person') === (d.cls === 'person') && iou(k.box, d.box) >= iouThreshold);
    if (!clash) kept.push(d);
  }
  return kept;
}

