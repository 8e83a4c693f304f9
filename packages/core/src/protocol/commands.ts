import { z } from 'zod';

const base = { id: z.string().min(1) };
const isoTime = z.string().min(1);

/** Hub → edge: cut (cameraId, start, end) from recordings and upload it to POST /api/v1/edges/clips/:id. */
export const clipRequestSchema = z.object({
  ...base,
  type: z.literal('clip.request'),
  cameraId: z.string().min(1),
  start: isoTime,
  end: isoTime,
  /** Re-encode for frame-exact bounds; the default copies from the keyframe at or before `start`. */
  exact: z.boolean().optional(),
});
export type ClipRequest = z.infer<typeof clipRequestSchema>;

/** Hub → edge: one JPEG (masks applied) uploaded to POST /api/v1/edges/snapshots/:id. */
export const snapshotRequestSchema = z.object({
  ...base,
  type: z.literal('snapshot.request'),
  cameraId: z.string().min(1),
  /** `live` grabs a frame from the camera; `recording` from the latest recorded segment. */
  from: z.enum(['live', 'recording']).optional(),
});
export type SnapshotRequest = z.infer<typeof snapshotRequestSchema>;

/** Hub → edge: keep a camera's recordings in [start, end] past retention (a case's legal hold). */
export const holdSetSchema = z.object({
  ...base,
  type: z.literal('hold.set'),
  holdId: z.string().min(1),
  cameraId: z.string().min(1),
  start: isoTime,
  end: isoTime,
  reason: z.string().min(1).max(500),
  /** Null: until released. */
  until: isoTime.nullable().optional(),
});
export type HoldSet = z.infer<typeof holdSetSchema>;

/** Hub → edge: release a hold; retention then applies to those segments again. */
export const holdReleaseSchema = z.object({ ...base, type: z.literal('hold.release'), holdId: z.string().min(1) });
export type HoldRelease = z.infer<typeof holdReleaseSchema>;
