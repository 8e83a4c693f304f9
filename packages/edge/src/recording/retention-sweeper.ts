import { unlinkSync } from 'node:fs';
import { planEvictions, retentionCutoffMs, type EvictionReason } from './retention.ts';
import type { Segment, SegmentIndex } from './segment-index.ts';

/** A deletion receipt: which recording was deleted, when and why (sent to the hub through the outbox). */
export interface DeletionReceipt {
  cameraId: string;
  segmentStart: string;
  segmentEnd: string;
  bytes: number;
  reason: EvictionReason;
  deletedAt: string;
}

/** What one sweep did. */
export interface SweepResult {
  deleted: DeletionReceipt[];
  unmetBytes: number;
}

/** Everything one retention sweep needs; `unlink` is injectable so tests can watch deletions. */
export interface RetentionSweepDeps {
  index: SegmentIndex;
  nowMs: number;
  retentionDays: ReadonlyMap<string, number>;
  /** Retention for segments of cameras no longer configured. */
  defaultRetentionDays: number;
  budgetBytes: number;
  unlink?: (path: string) => void;
  candidateLimit?: number;
}

/** Runs retention once: deletes the planned segments' files, then their rows (a crash between is retried next sweep). */
export function sweepRetention(deps: RetentionSweepDeps): SweepResult {
  const { index, nowMs } = deps;
  const days = (cameraId: string) => deps.retentionDays.get(cameraId) ?? deps.defaultRetentionDays;
  const cutoffs = new Map([...deps.retentionDays].map(([id, d]) => [id, retentionCutoffMs(nowMs, d)]));
  const plan = planEvictions({
    candidates: index.evictionCandidates(cutoffs, deps.candidateLimit ?? 2000),
    holds: index.activeHolds(nowMs),
    nowMs,
    retentionDaysOf: days,
    usedBytes: index.totalBytes(),
    budgetBytes: deps.budgetBytes,
  });
  const deleted = plan.evict.map(({ segment, reason }) => {
    removeFile(segment, deps.unlink ?? unlinkSync);
    index.removeSegment(segment.id);
    return receipt(segment, reason, nowMs);
  });
  return { deleted, unmetBytes: plan.unmetBytes };
}

function removeFile(segment: Segment, unlink: (path: string) => void): void {
  try {
    unlink(segment.path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

function receipt(s: Segment, reason: EvictionReason, nowMs: number): DeletionReceipt {
  const iso = (ms: number) => new Date(ms).toISOString();
  return { cameraId: s.cameraId, segmentStart: iso(s.startMs), segmentEnd: iso(s.endMs), bytes: s.bytes, reason, deletedAt: iso(nowMs) };
}
