import type { Hold, Segment } from './segment-index.ts';

const DAY_MS = 86_400_000;

/** Why a segment is deleted. */
export type EvictionReason = 'retention' | 'disk_budget';

/** What retention decided: segments to delete (with why), and bytes still over budget because of holds. */
export interface EvictionPlan {
  evict: Array<{ segment: Segment; reason: EvictionReason }>;
  unmetBytes: number;
}

/** True when an active hold on the segment's camera overlaps the segment. */
export function isHeld(segment: Segment, holds: readonly Hold[], nowMs: number): boolean {
  return holds.some(
    (h) =>
      h.cameraId === segment.cameraId &&
      (h.untilMs === null || h.untilMs > nowMs) &&
      h.startMs < segment.endMs &&
      h.endMs > segment.startMs,
  );
}

/** The instant before which a camera's segments (by end time) have outlived `retentionDays`. */
export function retentionCutoffMs(nowMs: number, retentionDays: number): number {
  return nowMs - retentionDays * DAY_MS;
}

/**
 * Plans deletions: first every unheld segment past its camera's retention, then, while the edge is over its disk
 * budget, unheld segments oldest first. A held segment is never chosen. `candidates` must be oldest first.
 */
export function planEvictions(input: {
  candidates: readonly Segment[];
  holds: readonly Hold[];
  nowMs: number;
  retentionDaysOf: (cameraId: string) => number;
  usedBytes: number;
  budgetBytes: number;
}): EvictionPlan {
  const { candidates, holds, nowMs } = input;
  const evict: EvictionPlan['evict'] = [];
  const chosen = new Set<number>();
  let used = input.usedBytes;
  for (const s of candidates) {
    if (s.endMs <= retentionCutoffMs(nowMs, input.retentionDaysOf(s.cameraId)) && !isHeld(s, holds, nowMs)) {
      evict.push({ segment: s, reason: 'retention' });
      chosen.add(s.id);
      used -= s.bytes;
    }
  }
  for (const s of candidates) {
    if (used <= input.budgetBytes) break;
    if (chosen.has(s.id) || isHeld(s, holds, nowMs)) continue;
    evict.push({ segment: s, reason: 'disk_budget' });
    chosen.add(s.id);
    used -= s.bytes;
  }
  return { evict, unmetBytes: Math.max(0, used - input.budgetBytes) };
}
