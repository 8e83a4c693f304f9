import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rect } from '../capture/rgb-image.ts';
import { buildConstantYoloModel } from './onnx-test-model.ts';
import { createOnnxYoloDetector } from './onnx-yolo-detector.ts';
import { letterbox } from './yolo-decode.ts';

const SIZE = 64;
const CLASSES = 8;
// A 200x100 frame fits the 64 input at scale 0.32 with 16 px of padding above and below.
const FRAME = { width: 200, height: 100, data: new Uint8Array(200 * 100 * 3).fill(90) };
const toModel = ([x, y, w, h]: Rect) => [(x + w / 2) * 0.32, (y + h / 2) * 0.32 + 16, w * 0.32, h * 0.32];
const oneHot = (cls: number, score: number, classes = CLASSES) => Array.from({ length: classes }, (_, i) => (i === cls ? score : 0.01));
// Candidates: a car, the same car seen as a truck (NMS drops it), a person, and a faint car (below threshold).
const CANDIDATES: { box: Rect; cls: number; score: number }[] = [
  { box: [50, 20, 40, 30], cls: 2, score: 0.9 },
  { box: [52, 21, 40, 30], cls: 7, score: 0.6 },
  { box: [150, 50, 10, 30], cls: 0, score: 0.5 },
  { box: [10, 10, 20, 20], cls: 2, score: 0.1 },
];

const dir = mkdtempSync(join(tmpdir(), 'camnet-yolo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeModel(name: string, layout: 'v5' | 'v8', classes = CLASSES): string {
  const rows = CANDIDATES.map((c) => [...toModel(c.box), ...(layout === 'v5' ? [1] : []), ...oneHot(c.cls, c.score, classes)]);
  const width = rows[0]!.length;
  const values = layout === 'v5' ? rows.flat() : Array.from({ length: width }, (_, k) => rows.map((r) => r[k]!)).flat();
  const dims = layout === 'v5' ? [1, rows.length, width] : [1, width, rows.length];
  const path = join(dir, name);
  writeFileSync(path, buildConstantYoloModel(SIZE, dims, values));
  return path;
}

describe('ONNX YOLO detector on a tiny model the test builds', () => {
  for (const layout of ['v5', 'v8'] as const) {
    it(`decodes the ${layout} layout, maps boxes back through the letterbox and applies NMS`, async () => {
      const detector = await createOnnxYoloDetector({ modelPath: writeModel(`${layout}.onnx`, layout), inputSize: SIZE, numClasses: CLASSES });
      try {
        const dets = await detector.detect(FRAME);
        expect(dets.map((d) => d.cls)).toEqual(['car', 'person']);
        expect(dets[0]!.score).toBeCloseTo(0.9, 5);
        dets[0]!.box.forEach((v, i) => expect(v).toBeCloseTo([50, 20, 40, 30][i]!, 3));
        dets[1]!.box.forEach((v, i) => expect(v).toBeCloseTo([150, 50, 10, 30][i]!, 3));
      } finally {
        await detector.close();
      }
    });
  }

  it('letterboxes a wide frame centred with grey bars', () => {
    const { tensor, box } = letterbox(FRAME, SIZE);
    expect(box).toEqual({ scale: 0.32, padX: 0, padY: 16 });
    expect(tensor[0]).toBeCloseTo(114 / 255, 5);
    expect(tensor[20 * SIZE + 5]).toBeCloseTo(90 / 255, 5);
  });
});

describe('detector choice', () => {
  it('builds the ONNX YOLO detector when the config asks for it', async () => {
    const { createDetector } = await import('./create-detector.ts');
    const detector = await createDetector({ kind: 'onnx-yolo', modelPath: writeModel('choice.onnx', 'v8', 80), inputSize: SIZE, workers: 2 });
    const dets = await Promise.all([detector.detect(FRAME), detector.detect(FRAME)]);
    expect(dets.map((d) => d.map((x) => x.cls))).toEqual([['car', 'person'], ['car', 'person']]);
    await detector.close();
  });
});
