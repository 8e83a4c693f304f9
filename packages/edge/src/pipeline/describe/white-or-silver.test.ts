import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../capture/rgb-image.ts';
import type { BodySample } from './body-samples.ts';
import { rgbToLab } from './lab.ts';
import { looksWhite, WHITE_BODY, whiteCues } from './white-or-silver.ts';

const image = (w: number, h: number, grey: (x: number, y: number) => number): RgbImage => {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.fill(grey(x, y), (y * w + x) * 3, (y * w + x) * 3 + 3);
  return { data, width: w, height: h };
};
const body = (greys: number[]): BodySample[] => greys.map((v) => ({ lab: rgbToLab(v, v, v), w: 1 }));

describe('white or silver', () => {
  it('calls a bright vehicle with a flat light tone white', () => {
    // Dark glass across the top quarter, white paint below: most of the vehicle's middle is bright.
    const crop = image(200, 150, (_, y) => (y < 40 ? 30 : 245));
    const cues = whiteCues(crop, [1, 1, 1], body(Array.from({ length: 100 }, (_, i) => 240 + (i % 10))));
    expect(cues.brightP75).toBeGreaterThan(95);
    expect(cues.lightIqr).toBeLessThan(5);
    expect(looksWhite(cues)).toBe(true);
  });
  it('calls metallic paint (a wide spread of light tones) silver even when it is bright', () => {
    const crop = image(200, 150, (x) => 150 + Math.round(100 * (x / 200)));
    const cues = whiteCues(crop, [1, 1, 1], body(Array.from({ length: 100 }, (_, i) => 120 + i * 1.3)));
    expect(cues.lightIqr).toBeGreaterThan(WHITE_BODY.lightIqr);
    expect(looksWhite(cues)).toBe(false);
  });
  it('calls a flat but mid-grey vehicle silver, and applies the plate gains before measuring lightness', () => {
    const crop = image(200, 150, () => 170);
    const flat = body(Array.from({ length: 100 }, () => 170));
    expect(looksWhite(whiteCues(crop, [1, 1, 1], flat))).toBe(false);
    // The same pixels under a plate that says the photo is 1.45× under-exposed measure white.
    expect(looksWhite(whiteCues(crop, [1.45, 1.45, 1.45], flat))).toBe(true);
  });
  it('ignores coloured pixels and says silver when there are no cues at all', () => {
    const red: RgbImage = { data: new Uint8Array(200 * 150 * 3).map((_, i) => (i % 3 === 0 ? 250 : 20)), width: 200, height: 150 };
    const cues = whiteCues(red, [1, 1, 1], []);
    expect(Number.isNaN(cues.brightP75)).toBe(true);
    expect(looksWhite(cues)).toBe(false);
  });
});
