import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRgbImage } from '../capture/image-file.ts';
import { cropRgb } from '../capture/rgb-image.ts';
import { findSide, joinRows, PaddleOnnxPlateReader } from './paddle-onnx-plate-reader.ts';

const dir = join(import.meta.dirname, '../../../../../../shared/data/plates-us');
const hasData = existsSync(dir);
// Three photos, three plate styles; the reader must get at least two exactly (it reads ~70 % of the set).
const CASES = [['car6.jpg', 'AKS4329'], ['wts-lg-000136.jpg', 'CYZ5139'], ['us2.jpg', 'EUS664']] as const;

if (!(hasData)) console.warn('skipping the real-photo tests here: ../shared/data not found (they need ../shared/data/plates-us)');
describe.skipIf(!hasData)('PaddleOnnxPlateReader on real photos (needs ../shared/data)', () => {
  let reader: PaddleOnnxPlateReader;
  beforeAll(async () => { reader = await PaddleOnnxPlateReader.load(); });
  afterAll(async () => { await reader?.close(); });

  it('reads most plates exactly, with per-character confidence, alternates and a box inside the image', async () => {
    let exact = 0;
    for (const [file, plate] of CASES) {
      const img = await readRgbImage(join(dir, file));
      const r = await reader.read(img);
      if (r?.text === plate) exact++;
      expect(r).not.toBeNull();
      expect(r!.chars.length).toBe(r!.text.length);
      for (const c of r!.chars) expect(c.confidence).toBeGreaterThan(0);
      expect(r!.box[0] + r!.box[2]).toBeLessThanOrEqual(img.width + 1);
    }
    expect(exact).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('finds the plate in a vehicle crop that a single-shot read searches at a larger scale', async () => {
    // The detector's box of the white SUV in car9-9.jpg (586×514): at the crop's own size the text detector finds
    // the "EXPLORER" badge and half of the serial; scaled up, the whole plate AVP2403 at (411, 493, 91×45).
    const region = [157, 222, 586, 514] as const;
    const crop = cropRgb(await readRgbImage(join(dir, 'car9-9.jpg')), [...region]);
    const r = await reader.read(crop, { vehicleCrop: true, singleShot: true });
    expect(r?.text).toBe('AVP2403');
    expect(r!.box[0] + region[0]).toBeGreaterThan(405);
    expect(r!.box[0] + region[0] + r!.box[2]).toBeLessThan(510);
  }, 60_000);
});

describe('findSide', () => {
  const o = { findMaxSide: 960, findMinSide: 320, singleShotMinSide: 800 };
  it('scales small crops up, a single-shot read further, and large images down to the maximum', () => {
    expect(findSide({ width: 200, height: 150 }, {}, o)).toBe(320);
    expect(findSide({ width: 586, height: 514 }, {}, o)).toBe(586);
    expect(findSide({ width: 586, height: 514 }, { singleShot: true }, o)).toBe(800);
    expect(findSide({ width: 1280, height: 720 }, { singleShot: true }, o)).toBe(960);
  });
});

describe('PaddleOnnxPlateReader without a plate', () => {
  it('returns null for a blank image', async () => {
    const reader = await PaddleOnnxPlateReader.load();
    expect(await reader.read({ data: new Uint8Array(200 * 100 * 3).fill(200), width: 200, height: 100 })).toBeNull();
    await reader.close();
  });
});

describe('joinRows', () => {
  const box = (rect: [number, number, number, number]) => ({ rect, score: 0.9, rotated: { cx: 0, cy: 0, w: rect[2], h: rect[3], angle: 0.2 } });
  it('joins the pieces of a serial split by an emblem and leaves other rows alone', () => {
    const out = joinRows([box([140, 10, 45, 30]), box([100, 12, 30, 28]), box([100, 50, 90, 20])]);
    expect(out.map((b) => b.rect)).toEqual([[100, 10, 85, 30], [100, 50, 90, 20]]);
    expect(out[0]!.rotated.angle).toBe(0);
  });
  it('does not join a far box or one of a very different height', () => {
    expect(joinRows([box([0, 0, 40, 30]), box([80, 0, 40, 30])])).toHaveLength(2);
    expect(joinRows([box([0, 0, 40, 30]), box([45, 0, 40, 12])])).toHaveLength(2);
  });
});
