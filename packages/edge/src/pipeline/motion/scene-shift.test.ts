import { describe, expect, it } from 'vitest';
import { estimateSceneShift, SceneShiftTracker, type GreyImage } from './scene-shift.ts';

const W = 160, H = 90;
/** A textured scene seen by a camera whose view moved by (sx, sy) pixels: the content appears shifted by (sx, sy). */
const scene = (sx: number, sy: number, block?: { x: number; w: number }): GreyImage => {
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const u = x - sx, v = y - sy;
      data[y * W + x] = 128 + 40 * Math.sin(u / 3.1) * Math.cos(v / 4.3) + 30 * Math.sin((u + 2 * v) / 5.7) + 20 * Math.cos(u / 1.9 - v / 2.3);
      if (block && x >= block.x && x < block.x + block.w && y >= 30 && y < 70) data[y * W + x] = 240 - ((x - block.x) % 7) * 20;
    }
  }
  return { data, width: W, height: H };
};

describe('scene shift', () => {
  it('finds a pan of whole and part pixels', () => {
    const whole = estimateSceneShift(scene(0, 0), scene(3, -2));
    expect(whole[0]).toBeCloseTo(3, 1);
    expect(whole[1]).toBeCloseTo(-2, 1);
    const [dx, dy] = estimateSceneShift(scene(0, 0), scene(1.5, 0.5));
    expect(dx).toBeCloseTo(1.5, 0);
    expect(Math.abs(dy - 0.5)).toBeLessThan(0.35);
  });

  it('sees no camera motion in a fixed view where a large vehicle moves, or in a flat scene', () => {
    // A "bus" over a quarter of the width moves 3 px: the scene around it did not.
    expect(estimateSceneShift(scene(0, 0, { x: 40, w: 40 }), scene(0, 0, { x: 43, w: 40 }))).toEqual([0, 0]);
    const flat = { data: new Uint8Array(W * H).fill(90), width: W, height: H };
    expect(estimateSceneShift(flat, flat)).toEqual([0, 0]);
  });

  it('adds up a slow pan of less than a pixel per frame against a key frame', () => {
    const t = new SceneShiftTracker();
    let off: [number, number] = [0, 0];
    for (let i = 0; i <= 12; i++) off = t.update(scene(0.5 * i, 0));
    expect(off[0]).toBeGreaterThan(5);
    expect(off[0]).toBeLessThan(7);
    expect(Math.abs(off[1])).toBeLessThan(0.5);
    const fixed = new SceneShiftTracker();
    for (let i = 0; i < 40; i++) off = fixed.update(scene(0, 0, { x: 10 + 3 * i, w: 30 }));
    expect(off).toEqual([0, 0]);
  });
});
