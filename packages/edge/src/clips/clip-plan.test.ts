import { describe, expect, it } from 'vitest';
import type { Segment } from '../recording/segment-index.ts';
import { concatListText, planClip } from './clip-plan.ts';

const seg = (id: number, startMs: number, endMs: number): Segment => ({ id, cameraId: 'c', path: `/r/${id}.mp4`, startMs, endMs, bytes: 1 });

describe('planClip', () => {
  const segs = [seg(1, 0, 60_000), seg(2, 60_000, 120_000), seg(3, 120_000, 180_000)];

  it('trims the first and last segment and keeps the middle whole', () => {
    expect(planClip(segs, 30_000, 150_500)).toEqual({
      entries: [
        { path: '/r/1.mp4', inpointS: 30, outpointS: null },
        { path: '/r/2.mp4', inpointS: null, outpointS: null },
        { path: '/r/3.mp4', inpointS: null, outpointS: 30.5 },
      ],
      coveredStartMs: 30_000,
      coveredEndMs: 150_500,
    });
  });

  it('uses in and out points on the same segment when the window is inside one', () => {
    expect(planClip(segs, 61_000, 62_000)?.entries).toEqual([{ path: '/r/2.mp4', inpointS: 1, outpointS: 2 }]);
  });

  it('reports a narrower window when recording starts late or stops early, and null with nothing to cut', () => {
    const p = planClip(segs, -10_000, 500_000)!;
    expect([p.coveredStartMs, p.coveredEndMs]).toEqual([0, 180_000]);
    expect(planClip(segs, 200_000, 300_000)).toBeNull();
    expect(planClip(segs, 50_000, 50_000)).toBeNull();
  });

  it('writes a concat list with quoted paths', () => {
    const text = concatListText([{ path: "/r/it's.mp4", inpointS: 1.5, outpointS: null }], { withPoints: true });
    expect(text).toBe("file '/r/it'\\''s.mp4'\ninpoint 1.5\n");
    expect(concatListText([{ path: '/a.mp4', inpointS: 1, outpointS: 2 }], { withPoints: false })).toBe("file '/a.mp4'\n");
  });
});
