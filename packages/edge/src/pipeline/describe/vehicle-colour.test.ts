import { describe, expect, it } from 'vitest';
import type { Rect, RgbImage } from '../capture/rgb-image.ts';
import { estimateColour, exposureHeadroom, whiteReference } from './vehicle-colour.ts';

type Paint = (x: number, y: number) => [number, number, number];
const image = (w: number, h: number, paint: Paint): RgbImage => {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(paint(x, y), (y * w + x) * 3);
  return { data, width: w, height: h };
};
const inside = (x: number, y: number, [rx, ry, rw, rh]: Rect) => x >= rx && x < rx + rw && y >= ry && y < ry + rh;

/** A rear view 200×150: grey road, dark tyres, dark rear window, a body of `body`, red lamps, a white plate. */
const car = (body: Paint, plate: Rect = [85, 95, 30, 15]): RgbImage =>
  image(200, 150, (x, y) => {
    if (inside(x, y, plate)) return inside(x, y, [plate[0] + 4, plate[1] + 4, plate[2] - 8, 6]) ? [30, 30, 30] : [235, 235, 235];
    if (inside(x, y, [50, 30, 100, 35])) return [25, 28, 32]; // rear window
    if (inside(x, y, [28, 70, 14, 14]) || inside(x, y, [158, 70, 14, 14])) return [230, 30, 30]; // lamps
    if (inside(x, y, [25, 125, 30, 25]) || inside(x, y, [145, 125, 30, 25])) return [15, 15, 15]; // tyres
    if (inside(x, y, [20, 20, 160, 110])) return body(x, y);
    return [110, 110, 112]; // road and background
  });

describe('vehicle colour', () => {
  it('finds a red body behind dark glass, lamps, tyres and a grey road', () => {
    const e = estimateColour(car(() => [170, 25, 30]), [85, 95, 30, 15]);
    expect(e.colour).toBe('red');
    expect(e.confidence).toBeGreaterThan(0.3);
    expect(e.alt).not.toBe('red');
  });
  it('calls a grey metallic gradient with highlights silver or gray, never white or a colour', () => {
    const e = estimateColour(car((x, y) => {
      const v = Math.round(120 + 40 * Math.sin(x / 15) + (y % 23 === 0 ? 80 : 0));
      return [v, v, v + 4];
    }), [85, 95, 30, 15]);
    expect(['silver', 'gray']).toContain(e.colour);
  });
  it('names dark and light achromatic bodies black and white (white: at least as bright as the plate)', () => {
    expect(estimateColour(car(() => [20, 20, 22]), [85, 95, 30, 15]).colour).toBe('black');
    const white = car(() => [248, 248, 248]);
    for (let y = 95; y < 110; y++) for (let x = 85; x < 115; x++) if (white.data[(y * 200 + x) * 3]! > 200) white.data.fill(215, (y * 200 + x) * 3, (y * 200 + x) * 3 + 3);
    expect(estimateColour(white, [85, 95, 30, 15]).colour).toBe('white');
  });
  it('white-balances on the plate: a blue-tinted light frame keeps a grey car grey, a blue car stays blue', () => {
    const grey = car(() => [120, 120, 120]);
    const tinted = image(200, 150, (x, y) => {
      const i = (y * 200 + x) * 3;
      return [grey.data[i]! * 0.88, grey.data[i + 1]! * 0.95, Math.min(255, grey.data[i + 2]! * 1.1)];
    });
    expect(['gray', 'silver']).toContain(estimateColour(tinted, [85, 95, 30, 15]).colour);
    expect(estimateColour(car(() => [25, 50, 140]), [85, 95, 30, 15]).colour).toBe('blue');
  });
  it('corrects exposure from the plate up to 2×: a white car in a photo at half exposure still reads white', () => {
    const white = car(() => [248, 248, 248]);
    const dim: RgbImage = { ...white, data: white.data.map((v) => v >> 1) };
    expect(whiteReference(dim, [85, 95, 30, 15])[0]).toBeGreaterThan(1.9);
    expect(estimateColour(dim, [85, 95, 30, 15]).colour).toBe('white');
  });
  it('corrects a whole frame at a third of the exposure beyond 2×: the bound is for a plate darker than its bright surroundings', () => {
    const silver = car(() => [150, 150, 153]);
    const dusk: RgbImage = { ...silver, data: silver.data.map((v) => Math.round(v / 3)) };
    expect(exposureHeadroom(silver)).toBeLessThan(1.15);
    expect(exposureHeadroom(dusk)).toBeGreaterThan(3);
    expect(whiteReference(dusk, [85, 95, 30, 15])[0]).toBeGreaterThan(2.8);
    expect(estimateColour(dusk, [85, 95, 30, 15]).colour).toBe(estimateColour(silver, [85, 95, 30, 15]).colour);
    expect(estimateColour(silver, [85, 95, 30, 15]).colour).toBe('silver');
    // A plate in a shaded recess under bright paint (it alone would ask for 2.6×): the frame is well exposed, so the
    // gain stays near 2× (the paint's brightest channel at 238 leaves 7 % headroom).
    const recessed = car(() => [235, 235, 238]);
    for (let y = 95; y < 110; y++) for (let x = 85; x < 115; x++) if (recessed.data[(y * 200 + x) * 3]! > 200) recessed.data.fill(90, (y * 200 + x) * 3, (y * 200 + x) * 3 + 3);
    expect(whiteReference(recessed, [85, 95, 30, 15])[0]).toBeCloseTo(2 * (255 / 238), 5);
  });
  it('reads the paint of the bumper corners when the band above the plate is a shadowed recess', () => {
    const recess: Rect = [55, 65, 90, 30];
    const silver = car((x, y) => (inside(x, y, recess) ? [70, 70, 72] : [175, 175, 178]));
    expect(estimateColour(silver, [85, 95, 30, 15]).colour).toBe('silver');
    // Only one light corner (the other is dark trim) is no evidence: the band stands.
    const oneSide = car((x, y) => (inside(x, y, recess) || x < 60 ? [70, 70, 72] : [175, 175, 178]));
    expect(estimateColour(oneSide, [85, 95, 30, 15]).colour).toBe('gray');
    // Metallic paint in two tones, a different one most common on each corner, is still the same paint on both.
    const tone = (x: number, y: number) => ((x < 100) === (y % 3 === 0) ? 150 : 185);
    const metallic = car((x, y) => (inside(x, y, recess) ? [70, 70, 72] : [tone(x, y), tone(x, y), tone(x, y) + 3]));
    expect(estimateColour(metallic, [85, 95, 30, 15]).colour).toBe('silver');
  });
  it('takes clearly coloured paint from the middle of the vehicle when the plate sits on a grey bumper or under the rear window', () => {
    const plate: Rect = [92, 100, 16, 8];
    const bumper: Rect = [70, 82, 60, 30];
    const bus = car((x, y) => (inside(x, y, bumper) ? [150, 150, 152] : [235, 190, 30]), plate);
    expect(estimateColour(bus, plate).colour).toBe('yellow');
    // A grey car with a coloured stripe across its middle is not coloured: the stripe is not the densest colour there.
    const striped = car((x, y) => (y >= 66 && y < 74 ? [30, 60, 200] : [150, 150, 152]), plate);
    expect(['gray', 'silver']).toContain(estimateColour(striped, plate).colour);
  });
  it('without a plate sets the glass, tyres and shadow aside, unless they are most of the vehicle (a black car)', () => {
    expect(estimateColour(car(() => [30, 120, 45])).colour).toBe('green');
    // A street camera's oblique view of a silver car: windows and the shaded lower side are dark and neutral, and
    // cover more of the box than any one tone of the paint; the paint is still silver.
    const oblique = image(200, 100, (x, y) => (y < 10 || x < 8 || x > 192 ? [110, 110, 112] : y < 30 ? [175, 177, 182] : y < 55 ? [22, 24, 27] : y < 80 ? (x % 7 < 3 ? [30, 31, 33] : [150, 152, 157]) : [12, 12, 12]));
    expect(['silver', 'gray']).toContain(estimateColour(oblique).colour);
    const black = image(200, 100, (x, y) => (y < 10 ? [110, 110, 112] : y < 30 ? [60, 62, 68] : [18, 18, 20]));
    expect(estimateColour(black).colour).toBe('black');
  });

  it('is more confident when the parts of the body agree than when the name rests on one region', () => {
    const plate: Rect = [85, 95, 30, 15];
    const uniform = estimateColour(car(() => [170, 25, 30]), plate);
    // The same red car with a grey trim strip where the band above the plate is: still red (from the middle), but the
    // band names another colour, so fewer of the parts agree.
    const trimmed = estimateColour(car((x, y) => (inside(x, y, [55, 66, 90, 29]) ? [120, 120, 122] : [170, 25, 30])), plate);
    expect(uniform).toMatchObject({ colour: 'red' });
    expect(trimmed).toMatchObject({ colour: 'red' });
    expect(uniform.confidence).toBeGreaterThanOrEqual(0.6);
    expect(trimmed.confidence).toBeLessThan(uniform.confidence);
  });
});
