import { describe, expect, it } from 'vitest';
import type { Rect, RgbImage } from '../capture/rgb-image.ts';
import { createMosaicDetector, FrameDropped, splitDetections, stackFrames } from './mosaic-detector.ts';
import type { Detection, ObjectDetector } from './object-detector.ts';

const frame = (w: number, h: number, v: number): RgbImage => ({ width: w, height: h, data: new Uint8Array(w * h * 3).fill(v) });
const car = (box: Rect): Detection => ({ box, cls: 'car', score: 0.8 });

describe('mosaic detector', () => {
  it('stacks frames with a grey gap and maps detections back to each frame', () => {
    const a = frame(100, 50, 10), b = frame(200, 100, 20);
    const { image, tiles } = stackFrames([a, b]);
    expect([image.width, image.height]).toEqual([200, 100 + 8 + 100]);
    expect(image.data[0]).toBe(10);
    expect(image.data[(101 * 200) * 3]).toBe(114);
    expect(image.data[(120 * 200) * 3]).toBe(20);
    const dets = [car([20, 10, 40, 20]), car([50, 128, 30, 40])];
    expect(splitDetections(dets, tiles[0]!, a).map((d) => d.box)).toEqual([[10, 5, 20, 10]]);
    expect(splitDetections(dets, tiles[1]!, b).map((d) => d.box)).toEqual([[50, 20, 30, 40]]);
  });

  it('runs two concurrent frames as one detector call and drops the oldest waiting frame when the queue is full', async () => {
    const calls: RgbImage[] = [];
    let release = (): void => undefined;
    const inner: ObjectDetector = {
      detect: (img) => { calls.push(img); return new Promise((r) => { release = () => r([]); }); },
      close: async () => undefined,
    };
    const mosaic = createMosaicDetector(inner, { tiles: 2, concurrency: 1, maxWaiting: 2, waitMs: 1000 });
    const first = Promise.all([mosaic.detect(frame(10, 10, 1)), mosaic.detect(frame(10, 10, 2))]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.height).toBe(28);
    const oldest = mosaic.detect(frame(10, 10, 3));
    const kept = [mosaic.detect(frame(10, 10, 4)), mosaic.detect(frame(10, 10, 5))];
    await expect(oldest).rejects.toBeInstanceOf(FrameDropped);
    release();
    await first;
    await new Promise((r) => setImmediate(r));
    release();
    await Promise.all(kept);
    expect(mosaic.stats).toEqual({ runs: 2, frames: 4, dropped: 1, maxWaiting: 2 });
    await mosaic.close();
  });

  it('detects a caller batch at once, two frames per run, each frame getting its own detections', async () => {
    const calls: RgbImage[] = [];
    const inner: ObjectDetector = {
      // One car per tile of 10 px + 8 px gap, its score telling the tile's pixel value.
      detect: async (img) => { calls.push(img); return Array.from({ length: Math.ceil(img.height / 18) }, (_, i) => ({ ...car([1, i * 18 + 2, 4, 4]), score: img.data[i * 18 * img.width * 3]! / 100 })); },
      close: async () => undefined,
    };
    const mosaic = createMosaicDetector(inner, { tiles: 2, waitMs: 1000 });
    const answers = await mosaic.detectBatch([frame(10, 10, 1), frame(10, 10, 2), frame(10, 10, 3)]);
    expect(calls.map((c) => c.height)).toEqual([28, 10]);
    expect(answers.map((a) => a.map((d) => Math.round(d.score * 100)))).toEqual([[1], [2], [3]]);
    expect(answers[1]![0]!.box).toEqual([1, 2, 4, 4]);
    expect(mosaic.stats).toMatchObject({ runs: 2, frames: 3, dropped: 0 });
    await mosaic.close();
  });
});
