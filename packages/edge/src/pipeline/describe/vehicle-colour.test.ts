import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../capture/rgb-image.ts';
import { estimateColour, namePixel } from './vehicle-colour.ts';

const solid = (r: number, g: number, b: number, w = 60, h = 40): RgbImage => {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) data.set([r, g, b], i * 3);
  return { data, width: w, height: h };
};

describe('vehicle colour', () => {
  it('names pixels in the vocabulary', () => {
    expect(namePixel(200, 20, 25)).toBe('red');
    expect(namePixel(20, 40, 160)).toBe('blue');
    expect(namePixel(20, 20, 22)).toBe('black');
    expect(namePixel(240, 240, 238)).toBe('white');
    expect(namePixel(120, 122, 125)).toBe('gray');
    expect(namePixel(170, 172, 175)).toBe('silver');
    expect(namePixel(30, 140, 40)).toBe('green');
    expect(namePixel(230, 200, 20)).toBe('yellow');
  });
  it('gives a colour, a confidence and a runner-up for a crop', () => {
    const img = solid(180, 20, 30);
    // Grey "window" band in the upper half must not win over the red body.
    for (let y = 0; y < 18; y++) for (let x = 0; x < 60; x++) img.data.set([60, 60, 60], (y * 60 + x) * 3);
    const e = estimateColour(img);
    expect(e.colour).toBe('red');
    expect(e.confidence).toBeGreaterThan(0.5);
    expect(estimateColour(solid(25, 25, 28)).colour).toBe('black');
  });
  it('white-balances on a white plate: a bluish-lit white car is still white', () => {
    const img = solid(190, 200, 235, 100, 80);
    for (let y = 50; y < 60; y++) for (let x = 40; x < 60; x++) img.data.set([200, 210, 245], (y * 100 + x) * 3);
    expect(estimateColour(img, [40, 50, 20, 10]).colour).toBe('white');
  });
});
