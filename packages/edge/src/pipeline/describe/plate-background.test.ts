import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../capture/rgb-image.ts';
import { plateBackground, plateClipped } from './plate-background.ts';

/** A 60×20 plate: `background` around dark characters (a 40×8 band), on a grey crop of 100×60 at (20, 20). */
const crop = (background: [number, number, number]): RgbImage => {
  const w = 100, h = 60, data = new Uint8Array(w * h * 3).fill(110);
  for (let y = 20; y < 40; y++) for (let x = 20; x < 80; x++) data.set(y >= 26 && y < 34 && x >= 30 && x < 70 ? [30, 30, 30] : background, (y * w + x) * 3);
  return { data, width: w, height: h };
};

describe('plate background', () => {
  it('is the brightest fifth of the plate box: the sheeting, not the characters', () => {
    const img = crop([200, 205, 210]);
    const bg = plateBackground(img, [20, 20, 60, 20]);
    expect(bg.length).toBeGreaterThanOrEqual(0.2 * 60 * 20);
    expect(bg.every((i) => img.data[i] === 200)).toBe(true);
    expect(plateBackground(img, [20, 20, 4, 4])).toEqual([]);
  });

  it('calls a plate clipped when its sheeting reads full scale in every channel, not when it is bright but measured', () => {
    expect(plateClipped(crop([255, 255, 255]), [20, 20, 60, 20])).toBe(true);
    expect(plateClipped(crop([251, 252, 250]), [20, 20, 60, 20])).toBe(true);
    expect(plateClipped(crop([240, 245, 248]), [20, 20, 60, 20])).toBe(false);
    // One channel at full scale is a colour cast the gains can still measure, not a lost exposure.
    expect(plateClipped(crop([255, 255, 200]), [20, 20, 60, 20])).toBe(false);
  });
});
