import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRgbImage } from '../capture/image-file.ts';
import { joinRows, PaddleOnnxPlateReader } from './paddle-onnx-plate-reader.ts';

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
