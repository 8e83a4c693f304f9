import type { RecordingDeleted, RecordingGap } from '@camnet/core';

/** Gaps and deletion receipts the edges report. Gaps are keyed by (camera, start): a later report closes an open gap. */
export interface RecordingStore {
  /** Inserts new gaps and closes open ones; returns how many reports changed nothing (duplicates). */
  upsertGaps(edgeId: string, gaps: RecordingGap[]): Promise<{ accepted: number; duplicates: number }>;
  insertReceipts(edgeId: string, receipts: RecordingDeleted[]): Promise<{ accepted: number; duplicates: number }>;
  gaps(cameraId: string, from: string, to: string): Promise<RecordingGap[]>;
  receipts(filter: { cameraId?: string; from?: string; to?: string }, limit: number): Promise<RecordingDeleted[]>;
}
