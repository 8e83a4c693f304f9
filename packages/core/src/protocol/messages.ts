import { z } from 'zod';
import { clipRequestSchema, holdReleaseSchema, holdSetSchema, snapshotRequestSchema } from './commands.ts';
import { clipReadySchema, commandFailedSchema, snapshotReadySchema } from './command-results.ts';
import { camerasConfigSchema } from './camera-config.ts';

/**
 * Major version of the hub ⇄ edge protocol; the edge sends it in `hello`, the hub refuses majors it does not
 * speak. Additions that old peers can ignore (new optional fields, new message types) keep the major and bump
 * PROTOCOL_MINOR; a peer ignores message types it does not know.
 */
export const PROTOCOL_VERSION = 1;
/** Minor version: 1 added event batches, commands (clip, snapshot, holds) and their results; 2 the cameras' picture check. */
export const PROTOCOL_MINOR = 2;

const base = { id: z.string().min(1) };
const isoTime = z.string().min(1);

/**
 * What the edge's vision sees of a camera's picture, from the plates of the last vehicles it read (protocol minor 2):
 * `overexposed` when too many of them were clipped to white (plates and colours are then read less reliably; the
 * installer should lower the exposure or turn on WDR / backlight compensation). Null until enough plates were seen.
 */
export const pictureCheckSchema = z.object({
  platesChecked: z.number().int().min(0),
  platesClipped: z.number().int().min(0),
  warning: z.enum(['overexposed']).nullable(),
});
export type PictureCheck = z.infer<typeof pictureCheckSchema>;

/** One camera's health as the edge sees it. */
export const cameraHealthSchema = z.object({
  cameraId: z.string(),
  online: z.boolean(),
  fps: z.number().min(0),
  lastFrameAt: z.string().nullable(),
  recording: z.boolean().optional(),
  lastError: z.string().nullable().optional(),
  picture: pictureCheckSchema.optional(),
});
export type CameraHealth = z.infer<typeof cameraHealthSchema>;

/** First message on every connection: who speaks, which protocol, what it can do. */
export const helloSchema = z.object({
  ...base,
  type: z.literal('hello'),
  protocolVersion: z.number().int(),
  protocolMinor: z.number().int().min(0).optional(),
  agentVersion: z.string(),
  edgeTime: isoTime,
  cameraIds: z.array(z.string()).optional(),
});

/** Every `heartbeatSeconds` (10 s by default); the hub marks an edge offline after 60 s without one. */
export const heartbeatSchema = z.object({
  ...base,
  type: z.literal('heartbeat'),
  edgeTime: isoTime,
  /** Edge clock minus hub clock in ms (positive: the edge is ahead); the hub flags |offset| > 2000. */
  clockOffsetMs: z.number(),
  diskUsedBytes: z.number().min(0),
  diskBudgetBytes: z.number().min(0),
  cameras: z.array(cameraHealthSchema),
  outboxPending: z.number().int().min(0).optional(),
});

/** One item out of the edge's outbox; `key` is its idempotency key, unique per edge forever. */
export const outboxEventSchema = z.object({
  key: z.string().min(1).max(200),
  kind: z.string().min(1).max(80),
  edgeTime: isoTime,
  payload: z.unknown(),
});
export type OutboxEvent = z.infer<typeof outboxEventSchema>;

/** A batch of outbox items; the hub answers `ack { of: id, accepted, duplicates }` once all are stored. */
export const eventBatchSchema = z.object({
  ...base,
  type: z.literal('events'),
  events: z.array(outboxEventSchema).min(1).max(1000),
});
export type EventBatch = z.infer<typeof eventBatchSchema>;

/**
 * Either side acknowledges a message by its id (the edge acks hold commands). For an `events` batch the hub
 * fills `accepted` and `duplicates`
 * (accepted + duplicates = batch size; a resent batch comes back all duplicates).
 */
export const ackSchema = z.object({
  ...base,
  type: z.literal('ack'),
  of: z.string(),
  accepted: z.number().int().min(0).optional(),
  duplicates: z.number().int().min(0).optional(),
  /** Items the hub could not take (invalid, unknown kind): reported at the hub, not to be resent. */
  rejected: z.number().int().min(0).optional(),
  hubTime: isoTime.optional(),
});
/** Messages an edge sends to the hub. */
export const edgeMessageSchema = z.discriminatedUnion('type', [
  helloSchema,
  ackSchema,
  heartbeatSchema,
  eventBatchSchema,
  clipReadySchema,
  snapshotReadySchema,
  commandFailedSchema,
]);
export type EdgeMessage = z.infer<typeof edgeMessageSchema>;

export const welcomeSchema = z.object({ ...base, type: z.literal('welcome'), edgeId: z.string(), hubTime: isoTime });
export const errorMessageSchema = z.object({ ...base, type: z.literal('error'), errorId: z.string(), message: z.string() });

/** Messages the hub sends to an edge. */
export const hubMessageSchema = z.discriminatedUnion('type', [
  ackSchema,
  welcomeSchema,
  errorMessageSchema,
  clipRequestSchema,
  snapshotRequestSchema,
  holdSetSchema,
  holdReleaseSchema,
  camerasConfigSchema,
]);
export type HubMessage = z.infer<typeof hubMessageSchema>;
