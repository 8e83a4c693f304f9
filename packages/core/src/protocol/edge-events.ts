import { z } from 'zod';

/**
 * Kinds of outbox item an edge sends in `events` batches, each with its payload schema (vehicle events use
 * `vehicleEventSchema`). The idempotency key of each is stable across resends:
 * `vehicle_event:<cameraId>:<localId>`, `recording.gap:<cameraId>:<startMs>[:closed]`,
 * `recording.deleted:<cameraId>:<segmentStartMs>`.
 */
export const EDGE_EVENT_KINDS = ['vehicle_event', 'recording.gap', 'recording.deleted'] as const;
export type EdgeEventKind = (typeof EDGE_EVENT_KINDS)[number];

/** A time a camera was not recorded, and why (`stalled`, `stream_unreachable…`, `ffmpeg_exited…`, `edge_offline`, `edge_stopped`). */
export const recordingGapSchema = z.object({
  cameraId: z.string().min(1),
  start: z.string().min(1),
  /** Null while the gap is still open; a second item with the same start closes it. */
  end: z.string().min(1).nullable(),
  cause: z.string().min(1).max(300),
});
export type RecordingGap = z.infer<typeof recordingGapSchema>;

/** A deletion receipt: retention (by days or disk budget) deleted this recording. */
export const recordingDeletedSchema = z.object({
  cameraId: z.string().min(1),
  segmentStart: z.string().min(1),
  segmentEnd: z.string().min(1),
  bytes: z.number().int().min(0),
  reason: z.enum(['retention', 'disk_budget']),
  deletedAt: z.string().min(1),
});
export type RecordingDeleted = z.infer<typeof recordingDeletedSchema>;
