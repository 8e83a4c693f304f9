import { describe, expect, it } from 'vitest';
import { clampRect, cropRgb, iou, resizeRgb, type RgbImage } from './rgb-image.ts';

const gradient = (w: number, h: number): RgbImage => {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x, y, 7], (y * w + x) * 3);
  return { data, width: w, height: h };
};

describe('rgb-image', () => {
  it('crops the exact pixels and clamps rects that leave the image', () => {
    const c = cropRgb(gradient(10, 8), [2, 3, 4, 2]);
    expect([c.width, c.height]).toEqual([4, 2]);
    expect([...c.data.subarray(0, 3)]).toEqual([2, 3, 7]);
    expect(clampRect([-5, -5, 100, 100], 10, 8)).toEqual([0, 0, 10, 8]);
  });
  it('resizes bilinearly, keeping a linear gradient linear', () => {
    const r = resizeRgb(gradient(100, 10), 50, 5);
    expect(r.data.length).toBe(50 * 5 * 3);
    expect(r.data[(2 * 50 + 10) * 3]).toBeCloseTo(20.5, -1);
  });
  it('computes IoU', () => {
    expect(iou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    expect(iou([0, 0, 10, 10], [5, 0, 10, 10])).toBeCloseTo(50 / 150);
    expect(iou([0, 0, 1, 1], [5, 5, 1, 1])).toBe(0);
  });
});
