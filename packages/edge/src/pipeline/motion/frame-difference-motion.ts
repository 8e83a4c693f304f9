import type { Rect, RgbImage } from '../capture/rgb-image.ts';
import { SceneShiftTracker } from './scene-shift.ts';

/** What changed since the background: the changed share of the small grey image and the changed regions in frame pixels. */
export interface MotionResult {
  changed: number;
  regions: Rect[];
  /** How far the camera's view has moved since the first frame (pan, shake), frame pixels; [0, 0] for a fixed camera. */
  cameraOffset: [number, number];
}

/** Options: the small grey image's width, the per-pixel change threshold (0..255) and the background's learning rate. */
export interface MotionOptions {
  width?: number;
  threshold?: number;
  learningRate?: number;
}

/** Cheap motion detection: stride-subsampled grey image vs a running-average background; coarse cells mark regions. */
export class FrameDifferenceMotion {
  private background: Float32Array | null = null;
  private readonly grey: Uint8Array;
  private readonly w: number;
  private h = 0;
  private readonly scene = new SceneShiftTracker();

  constructor(private readonly opts: MotionOptions = {}) {
    this.w = opts.width ?? 160;
    this.grey = new Uint8Array(this.w * 200);
  }

  /** Updates the background with this frame and reports what moved. */
  update(frame: RgbImage): MotionResult {
    const w = this.w;
    const h = Math.max(1, Math.round((frame.height * w) / frame.width));
    if (h !== this.h || !this.background) {
      this.h = h;
      this.background = null;
    }
    const grey = this.grey.length >= w * h ? this.grey : new Uint8Array(w * h);
    const sx = frame.width / w;
    const sy = frame.height / h;
    for (let y = 0; y < h; y++) {
      const row = Math.floor((y + 0.5) * sy) * frame.width;
      for (let x = 0; x < w; x++) {
        const i = (row + Math.floor((x + 0.5) * sx)) * 3;
        grey[y * w + x] = (frame.data[i]! * 77 + frame.data[i + 1]! * 150 + frame.data[i + 2]! * 29) >> 8;
      }
    }
    const off = this.scene.update({ data: grey, width: w, height: h });
    const cameraOffset: [number, number] = [off[0] * sx, off[1] * sy];
    if (!this.background) {
      this.background = Float32Array.from(grey.subarray(0, w * h));
      return { changed: 0, regions: [], cameraOffset };
    }
    const thr = this.opts.threshold ?? 25;
    const lr = this.opts.learningRate ?? 0.05;
    const cell = 8;
    const cw = Math.ceil(w / cell), ch = Math.ceil(h / cell);
    const cells = new Uint16Array(cw * ch);
    let changed = 0;
    const bg = this.background;
    for (let p = 0; p < w * h; p++) {
      const d = Math.abs(grey[p]! - bg[p]!);
      if (d > thr) {
        changed++;
        const cx = (p % w) / cell | 0, cy = (p / w) / cell | 0;
        cells[cy * cw + cx]!++;
      }
      bg[p] = bg[p]! + (grey[p]! - bg[p]!) * lr;
    }
    const regions: Rect[] = [];
    for (let cy = 0; cy < ch; cy++) {
      for (let cx = 0; cx < cw; cx++) {
        if (cells[cy * cw + cx]! >= (cell * cell) / 6) regions.push([cx * cell * sx, cy * cell * sy, cell * sx, cell * sy]);
      }
    }
    return { changed: changed / (w * h), regions, cameraOffset };
  }
}
