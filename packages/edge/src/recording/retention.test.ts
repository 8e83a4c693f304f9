import { describe, expect, it } from 'vitest';
import { isHeld, planEvictions } from './retention.ts';
import type { Hold, Segment } from './segment-index.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12);
let nextId = 1;
const seg = (over: Partial<Segment> = {}): Segment => {
  const startMs = over.startMs ?? NOW - DAY;
  return { id: nextId++, cameraId: 'a', path: `/r/${nextId}.mp4`, startMs, endMs: startMs + 60_000, bytes: 100, ...over };
};
const hold = (over: Partial<Hold> = {}): Hold => ({ id: 'h1', cameraId: 'a', startMs: 0, endMs: NOW, reason: 'case 42', untilMs: null, ...over });
const plan = (candidates: Segment[], opts: { holds?: Hold[]; days?: number; used?: number; budget?: number } = {}) =>
  planEvictions({
    candidates,
    holds: opts.holds ?? [],
    nowMs: NOW,
    retentionDaysOf: () => opts.days ?? 30,
    usedBytes: opts.used ?? candidates.reduce((n, s) => n + s.bytes, 0),
    budgetBytes: opts.budget ?? 1e12,
  });

describe('planEvictions', () => {
  it('deletes segments that ended before the retention cutoff and keeps the rest', () => {
    const old = seg({ startMs: NOW - 31 * DAY });
    const young = seg({ startMs: NOW - 29 * DAY });
    expect(plan([old, young]).evict).toEqual([{ segment: old, reason: 'retention' }]);
  });

  it('keeps a segment that straddles the cutoff until it has entirely aged out', () => {
    const straddling = seg({ startMs: NOW - 30 * DAY - 30_000 });
    expect(plan([straddling]).evict).toEqual([]);
  });

  it('uses each camera’s own retention', () => {
    const a = seg({ cameraId: 'a', startMs: NOW - 8 * DAY });
    const b = seg({ cameraId: 'b', startMs: NOW - 8 * DAY });
    const p = planEvictions({ candidates: [a, b], holds: [], nowMs: NOW, retentionDaysOf: (c) => (c === 'a' ? 7 : 30), usedBytes: 200, budgetBytes: 1e9 });
    expect(p.evict.map((e) => e.segment.cameraId)).toEqual(['a']);
  });

  it('evicts oldest first only until the disk budget is met', () => {
    const s = [0, 1, 2, 3].map((i) => seg({ startMs: NOW - (10 - i) * 60_000 }));
    const p = plan(s, { budget: 250 });
    expect(p.evict.map((e) => [e.segment.id, e.reason])).toEqual([
      [s[0]!.id, 'disk_budget'],
      [s[1]!.id, 'disk_budget'],
    ]);
    expect(p.unmetBytes).toBe(0);
  });

  it('never evicts a held segment, past retention or over budget, and reports what it could not free', () => {
    const held = seg({ startMs: NOW - 40 * DAY });
    const free = seg({ startMs: NOW - 10 * DAY });
    const p = plan([held, free], { holds: [hold({ startMs: held.startMs + 1000, endMs: held.startMs + 2000 })], budget: 0 });
    expect(p.evict.map((e) => e.segment.id)).toEqual([free.id]);
    expect(p.unmetBytes).toBe(100);
  });

  it('lets retention apply again once a hold has expired', () => {
    const s = seg({ startMs: NOW - 40 * DAY });
    expect(plan([s], { holds: [hold({ untilMs: NOW - 1 })] }).evict).toHaveLength(1);
  });

  it('does not count a retention eviction twice against the budget', () => {
    const old = seg({ startMs: NOW - 40 * DAY, bytes: 500 });
    const young = seg({ startMs: NOW - DAY, bytes: 100 });
    expect(plan([old, young], { budget: 200 }).evict.map((e) => e.reason)).toEqual(['retention']);
  });
});

describe('isHeld', () => {
  it('matches only the held camera and overlapping windows; an open-ended hold has no expiry', () => {
    const s = seg({ startMs: 1_000, endMs: 61_000 });
    expect(isHeld(s, [hold({ startMs: 60_000, endMs: 90_000 })], NOW)).toBe(true);
    expect(isHeld(s, [hold({ startMs: 61_000, endMs: 90_000 })], NOW)).toBe(false);
    expect(isHeld(s, [hold({ cameraId: 'b' })], NOW)).toBe(false);
  });
});
