import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../capture/rgb-image.ts';
import { FrameDifferenceMotion } from './frame-difference-motion.ts';

const frameWithSquare = (x: number | null): RgbImage => {
  const w = 320, h = 180;
  const data = new Uint8Array(w * h * 3).fill(90);
  if (x !== null) for (let y = 60; y < 100; y++) for (let i = x; i < x + 40; i++) data.fill(230, (y * w + i) * 3, (y * w + i) * 3 + 3);
  return { data, width: w, height: h };
};

describe('FrameDifferenceMotion', () => {
  it('reports nothing for a static scene and the moving square where it is', () => {
    const m = new FrameDifferenceMotion();
    m.update(frameWithSquare(null));
    expect(m.update(frameWithSquare(null)).changed).toBe(0);
    const r = m.update(frameWithSquare(200));
    expect(r.changed).toBeGreaterThan(0.01);
    expect(r.regions.length).toBeGreaterThan(0);
    for (const [x, y] of r.regions) {
      expect(x).toBeGreaterThanOrEqual(180);
      expect(y).toBeGreaterThanOrEqual(40);
    }
  });
});
