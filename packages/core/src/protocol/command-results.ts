import { z } from 'zod';

const base = { id: z.string().min(1) };
const isoTime = z.string().min(1);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

/** Header carrying the edge's SHA-256 of an uploaded body; the hub re-hashes and records both. */
export const CONTENT_SHA256_HEADER = 'X-Content-SHA256';

/** Edge → hub, after the upload returned 2xx: what was cut, with the edge's hash. */
export const clipReadySchema = z.object({
  ...base,
  type: z.literal('clip.ready'),
  of: z.string().min(1),
  cameraId: z.string().min(1),
  start: isoTime,
  end: isoTime,
  bytes: z.number().int().min(0),
  sha256: sha256Hex,
  exact: z.boolean(),
  /** Gaps inside the window (stream down, ffmpeg restart): the clip is shorter than asked by these. */
  gaps: z.array(z.object({ start: isoTime, end: isoTime.nullable(), cause: z.string() })).default([]),
});
export type ClipReady = z.infer<typeof clipReadySchema>;

/** Edge → hub, after the snapshot upload returned 2xx. */
export const snapshotReadySchema = z.object({
  ...base,
  type: z.literal('snapshot.ready'),
  of: z.string().min(1),
  cameraId: z.string().min(1),
  takenAt: isoTime,
  bytes: z.number().int().min(0),
  sha256: sha256Hex,
  masked: z.boolean(),
});
export type SnapshotReady = z.infer<typeof snapshotReadySchema>;

/** Edge → hub: a command could not be carried out; `errorId` is stable snake_case. */
export const commandFailedSchema = z.object({
  ...base,
  type: z.literal('command.failed'),
  of: z.string().min(1),
  errorId: z.string().min(1),
  message: z.string(),
});
export type CommandFailed = z.infer<typeof commandFailedSchema>;

/** Body of POST /api/v1/edges/enrol. */
export const enrolRequestSchema = z.object({ token: z.string().min(1) });
/** Answer to an enrolment: the edge keeps `credential` (bearer) in its data dir, readable by it only. */
export const enrolResponseSchema = z.object({ edgeId: z.string().min(1), credential: z.string().min(1) });
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;
