import { describe, expect, it } from 'vitest';
import type { Rect, RgbImage } from './capture/rgb-image.ts';
import { ScriptedObjectDetector } from './detection/scripted-object-detector.ts';
import type { PlateReader, PlateReadHint, PlateReading } from './plates/plate-reader.ts';
import { vehicleFromPlate } from './describe/vehicle-region.ts';
import { analyzeStillImage } from './still-image-analysis.ts';

type Rgb = [number, number, number];
const inside = (x: number, y: number, [rx, ry, rw, rh]: Rect) => x >= rx && x < rx + rw && y >= ry && y < ry + rh;
const image = (w: number, h: number, paint: (x: number, y: number) => Rgb): RgbImage => {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(paint(x, y), (y * w + x) * 3);
  return { data, width: w, height: h };
};

/** Finds no plate in vehicle crops and `box` when given the whole photo (a plate the crop read missed). */
class WholePhotoPlateReader implements PlateReader {
  readonly hints: PlateReadHint[] = [];
  constructor(private readonly box: Rect) {}
  async read(_image: RgbImage, hint: PlateReadHint = {}): Promise<PlateReading | null> {
    this.hints.push(hint);
    if (hint.vehicleCrop) return null;
    return { text: 'ABC1234', confidence: 0.9, chars: [...'ABC1234'].map((c) => ({ c, confidence: 0.9 })), alternates: [], box: this.box };
  }
  async close(): Promise<void> {}
}

/** A white plate with dark characters. */
const plateAt = (x: number, y: number, plate: Rect): Rgb | null =>
  inside(x, y, plate) ? (inside(x, y, [plate[0] + 6, plate[1] + 6, plate[2] - 12, 8]) ? [30, 30, 30] : [235, 235, 235]) : null;

describe('still image analysis', () => {
  it('places a vehicle the detector missed from its plate and describes it there, not from the whole photo', async () => {
    const plate: Rect = [560, 600, 80, 24];
    const body: Rect = [380, 330, 440, 330];
    // A close-up blue car in a photo that is mostly green hedge: the whole photo's middle would say green.
    const photo = image(1200, 800, (x, y) => plateAt(x, y, plate) ?? (inside(x, y, body) ? [25, 50, 140] : [40, 120, 45]));
    const [v, ...rest] = await analyzeStillImage(photo, { detector: new ScriptedObjectDetector(() => []), plates: new WholePhotoPlateReader(plate) });
    expect(rest).toHaveLength(0);
    expect(v!.box).toEqual(vehicleFromPlate(plate, photo.width, photo.height));
    expect(v!.box).toEqual([360, 280, 480, 424]);
    expect(v!).toMatchObject({ class: 'car', score: 0, type: 'unknown', colour: 'blue', plate: { text: 'ABC1234', box: plate } });
  });

  it('describes a detected vehicle again with the plate found in the whole photo', async () => {
    const plate: Rect = [560, 600, 80, 24];
    const box: Rect = [360, 100, 480, 580];
    // Tall box: dark glass fills its middle; the red paint is the band around the plate.
    const photo = image(1200, 800, (x, y) =>
      plateAt(x, y, plate) ?? (inside(x, y, [380, 120, 440, 400]) ? [20, 22, 25] : inside(x, y, box) ? [170, 25, 30] : [110, 110, 112]));
    const detector = new ScriptedObjectDetector(() => [{ box, cls: 'car', score: 0.8 }]);
    const plates = new WholePhotoPlateReader(plate);
    const [v] = await analyzeStillImage(photo, { detector, plates });
    expect(v!.plate?.box).toEqual(plate);
    expect(v!.colour).toBe('red');
    // A photo is read once: both reads (the vehicle crop, then the whole photo) ask for the thorough search.
    expect(plates.hints).toEqual([{ vehicleCrop: true, singleShot: true }, { vehicleCrop: false, singleShot: true }]);
  });
});
