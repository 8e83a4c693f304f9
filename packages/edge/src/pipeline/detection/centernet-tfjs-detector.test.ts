import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRgbImage } from '../capture/image-file.ts';
import { createCenterNetDetector } from './centernet-tfjs-detector.ts';
import type { ObjectDetector } from './object-detector.ts';

const photo = join(import.meta.dirname, '../../../../../../shared/data/plates-us/car14.jpg');
const hasData = existsSync(photo);
const detectors: ObjectDetector[] = [];
afterAll(async () => { await Promise.all(detectors.map((d) => d.close())); });

if (!(hasData)) console.warn('skipping the real-photo tests here: ../shared/data not found (they need ../shared/data/plates-us)');
describe('CenterNet detector', () => {
  it('finds nothing in a blank frame (in a worker thread)', async () => {
    const d = await createCenterNetDetector({ workers: 1 });
    detectors.push(d);
    const blank = { data: new Uint8Array(320 * 240 * 3).fill(128), width: 320, height: 240 };
    expect(await d.detect(blank)).toEqual([]);
  }, 60_000);
  it.skipIf(!hasData)('finds the vehicle in a plate photo (needs ../shared/data)', async () => {
    const d = await createCenterNetDetector({ workers: 0 });
    detectors.push(d);
    const img = await readRgbImage(photo);
    const found = await d.detect(img);
    const vehicle = found.filter((x) => x.cls === 'car' || x.cls === 'truck').sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])[0];
    expect(vehicle).toBeDefined();
    // A close-up: the vehicle fills much of the photo.
    expect(vehicle!.box[2] * vehicle!.box[3]).toBeGreaterThan(img.width * img.height * 0.2);
  }, 60_000);
});
