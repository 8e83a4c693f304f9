import { describe, expect, it } from 'vitest';
import { dbBoxes } from './paddle-text-detector.ts';

describe('dbBoxes', () => {
  it('finds each text blob once, unclipped outward, and ignores weak or tiny blobs', () => {
    const w = 64, h = 32;
    const prob = new Float32Array(w * h);
    const fill = (x0: number, y0: number, x1: number, y1: number, p: number) => {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) prob[y * w + x] = p;
    };
    fill(5, 10, 30, 18, 0.9);
    fill(40, 10, 60, 20, 0.35);
    fill(50, 2, 52, 4, 0.9);
    const boxes = dbBoxes(prob, w, h);
    expect(boxes).toHaveLength(1);
    const [x, y, bw, bh] = boxes[0]!.rect;
    expect(x).toBeLessThan(5);
    expect(y).toBeLessThan(10);
    expect(x + bw).toBeGreaterThan(30);
    expect(y + bh).toBeGreaterThan(18);
  });
});
