/** A packed rgb24 image: `data.length === width * height * 3`, row-major, no padding. */
export interface RgbImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** A rectangle in pixels: [x, y, width, height]. */
export type Rect = [number, number, number, number];

/** Clamps a rect to the image and rounds it to whole pixels; width/height are at least 1. */
export function clampRect(r: Rect, width: number, height: number): Rect {
  const x0 = Math.max(0, Math.min(width - 1, Math.floor(r[0])));
  const y0 = Math.max(0, Math.min(height - 1, Math.floor(r[1])));
  const x1 = Math.max(x0 + 1, Math.min(width, Math.ceil(r[0] + r[2])));
  const y1 = Math.max(y0 + 1, Math.min(height, Math.ceil(r[1] + r[3])));
  return [x0, y0, x1 - x0, y1 - y0];
}

/** Copies a rect (clamped to the image) into a new image. */
export function cropRgb(img: RgbImage, rect: Rect): RgbImage {
  const [x, y, w, h] = clampRect(rect, img.width, img.height);
  const out = new Uint8Array(w * h * 3);
  for (let row = 0; row < h; row++) {
    const src = ((y + row) * img.width + x) * 3;
    out.set(img.data.subarray(src, src + w * 3), row * w * 3);
  }
  return { data: out, width: w, height: h };
}

/** Bilinear resize to exactly `width` x `height` (pixel-centre aligned, like OpenCV INTER_LINEAR). */
export function resizeRgb(img: RgbImage, width: number, height: number): RgbImage {
  const out = new Uint8Array(width * height * 3);
  const sx = img.width / width;
  const sy = img.height / height;
  const src = img.data;
  const iw = img.width;
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, Math.min(img.height - 1, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, Math.min(iw - 1, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(iw - 1, x0 + 1);
      const wx = fx - x0;
      const a = (y0 * iw + x0) * 3, b = (y0 * iw + x1) * 3, c = (y1 * iw + x0) * 3, d = (y1 * iw + x1) * 3;
      const o = (y * width + x) * 3;
      for (let k = 0; k < 3; k++) {
        const top = src[a + k]! + (src[b + k]! - src[a + k]!) * wx;
        const bot = src[c + k]! + (src[d + k]! - src[c + k]!) * wx;
        out[o + k] = top + (bot - top) * wy + 0.5;
      }
    }
  }
  return { data: out, width, height };
}

/** Intersection over union of two rects. */
export function iou(a: Rect, b: Rect): number {
  const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union > 0 ? inter / union : 0;
}

/** A rectangle rotated about its centre by `angle` radians (clockwise in image coordinates, y down). */
export interface RotatedRect {
  cx: number;
  cy: number;
  w: number;
  h: number;
  angle: number;
}

/** Samples a rotated rectangle into an upright image of `outW` x `outH` (bilinear; outside pixels clamp to the edge). */
export function cropRotated(img: RgbImage, r: RotatedRect, outW = Math.max(1, Math.round(r.w)), outH = Math.max(1, Math.round(r.h))): RgbImage {
  const out = new Uint8Array(outW * outH * 3);
  const cos = Math.cos(r.angle), sin = Math.sin(r.angle);
  const sx = r.w / outW, sy = r.h / outH;
  const { width: iw, height: ih, data } = img;
  for (let y = 0; y < outH; y++) {
    const v = (y + 0.5) * sy - r.h / 2;
    for (let x = 0; x < outW; x++) {
      const u = (x + 0.5) * sx - r.w / 2;
      const fx = Math.max(0, Math.min(iw - 1, r.cx + u * cos - v * sin - 0.5));
      const fy = Math.max(0, Math.min(ih - 1, r.cy + u * sin + v * cos - 0.5));
      const x0 = Math.floor(fx), y0 = Math.floor(fy);
      const x1 = Math.min(iw - 1, x0 + 1), y1 = Math.min(ih - 1, y0 + 1);
      const wx = fx - x0, wy = fy - y0;
      const a = (y0 * iw + x0) * 3, b = (y0 * iw + x1) * 3, c = (y1 * iw + x0) * 3, d = (y1 * iw + x1) * 3;
      const o = (y * outW + x) * 3;
      for (let k = 0; k < 3; k++) {
        const top = data[a + k]! + (data[b + k]! - data[a + k]!) * wx;
        const bot = data[c + k]! + (data[d + k]! - data[c + k]!) * wx;
        out[o + k] = top + (bot - top) * wy + 0.5;
      }
    }
  }
  return { data: out, width: outW, height: outH };
}
