import { describe, expect, it } from 'vitest';
import type { Detection } from '../detection/object-detector.ts';
import { IouTracker, trackClass, trackDirection } from './iou-tracker.ts';

const car = (x: number, cls: Detection['cls'] = 'car'): Detection => ({ box: [x, 100, 80, 50], cls, score: 0.6 });

describe('IouTracker', () => {
  it('follows one vehicle across frames, ends it after the gap, and gives its direction', () => {
    const t = new IouTracker({ maxGapSeconds: 0.5, minHits: 2 });
    for (let i = 0; i < 6; i++) expect(t.update(i * 0.2, [car(100 + i * 30, i === 2 ? 'truck' : 'car')]).ended).toEqual([]);
    const { ended } = t.update(2.0, []);
    expect(ended).toHaveLength(1);
    expect(ended[0]!.hits).toBe(6);
    expect(trackClass(ended[0]!)).toBe('car');
    // Moving right in the image on a camera facing north: heading east.
    expect(trackDirection(ended[0]!, 0)).toBe(90);
    expect(trackDirection(ended[0]!, null)).toBeNull();
  });
  it('links a fast vehicle that never overlaps itself between detections, by its predicted position', () => {
    const t = new IouTracker({ maxGapSeconds: 1, minHits: 3 });
    // 100 px per 0.4 s with 80 px boxes: no overlap frame to frame, but a steady velocity.
    for (let i = 0; i < 5; i++) t.update(i * 0.4, [car(i * 100)]);
    const { ended } = t.flush();
    expect(ended).toHaveLength(1);
    expect(ended[0]!.hits).toBe(5);
  });
  it('keeps two vehicles apart, links a fast one by centroid, and drops one-frame blips', () => {
    const t = new IouTracker({ maxGapSeconds: 0.3, minHits: 2 });
    t.update(0, [car(0), car(400)]);
    t.update(0.2, [car(50), car(400)]);
    t.update(0.4, [car(100), car(400), { box: [700, 300, 20, 20], cls: 'car', score: 0.3 }]);
    const { ended, dropped } = t.flush();
    expect(ended.map((tr) => tr.hits).sort()).toEqual([3, 3]);
    expect(dropped.map((tr) => tr.hits)).toEqual([1]);
  });
});
