import { createHash } from 'node:crypto';
import { normalisePlate, vehicleEventSchema, type Box, type VehicleEvent } from '@camnet/core';
import { normaliseColour, normaliseDirection, normaliseVehicleType } from './vocabulary.ts';

/** One vehicle/plate event as a camera's AI reported it, before camnet's vocabularies are applied. */
export interface CameraAiEvent {
  cameraId: string;
  /** The camera's own id for this event (stable across its retries). */
  eventId: string;
  /** ISO 8601 instants. */
  startedAt: string;
  endedAt: string;
  type: string | null;
  colour: string | null;
  colourConfidence: number | null;
  plate: { text: string; confidence: number } | null;
  direction: number | string | null;
  box: Box | null;
  imageJpegBase64?: string;
  plateImageJpegBase64?: string;
}

/** Where camera-AI events go: the edge's durable outbox (`RunningEdge.publish`). */
export type CameraAiPublish = (kind: string, payload: unknown, idempotencyKey: string) => { seq: number; duplicate: boolean };

/** Why a camera event cannot become a VehicleEvent: a stable id and a message for a person. */
export class CameraAiEventError extends Error {
  constructor(
    readonly id: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CameraAiEventError';
  }
}

/** The outbox idempotency key: one VehicleEvent per (camera, camera event id), however often it is sent. */
export function cameraAiIdempotencyKey(cameraId: string, eventId: string): string {
  return `camera_ai:${cameraId}:${eventId}`;
}

/**
 * The VehicleEvent localId: the hub keeps one event per (edge, localId), so it names the camera too:
 * `ai:<cameraId>:<eventId>`, or `ai:` + 40 hex of its SHA-256 when that is over 64 characters.
 */
export function cameraAiLocalId(cameraId: string, eventId: string): string {
  const id = `ai:${cameraId}:${eventId}`;
  return id.length <= 64 ? id : `ai:${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
}

/** Confidence used when a camera names a colour or reads a plate without saying how sure it is. */
export const UNSTATED_CONFIDENCE = 0.5;

/** Maps a camera event to a VehicleEvent (`source: 'camera-ai'`); throws CameraAiEventError when it cannot be one. */
export function toVehicleEvent(e: CameraAiEvent): VehicleEvent {
  const colour = normaliseColour(e.colour);
  const event = {
    localId: cameraAiLocalId(e.cameraId, e.eventId),
    cameraId: e.cameraId,
    startedAt: new Date(e.startedAt).toISOString(),
    endedAt: new Date(e.endedAt).toISOString(),
    type: normaliseVehicleType(e.type),
    colour,
    colourConfidence: colour ? (e.colourConfidence ?? UNSTATED_CONFIDENCE) : 0,
    colourAlt: null,
    plate: plateRead(e.plate),
    direction: normaliseDirection(e.direction),
    box: e.box ?? [0, 0, 0, 0],
    source: 'camera-ai' as const,
    ...(e.imageJpegBase64 ? { thumbnailJpegBase64: e.imageJpegBase64 } : {}),
    ...(e.plateImageJpegBase64 ? { plateCropJpegBase64: e.plateImageJpegBase64 } : {}),
  };
  const parsed = vehicleEventSchema.safeParse(event);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new CameraAiEventError('camera_ai_event_invalid', `the event does not make a valid vehicle event: ${issues[0]?.path} ${issues[0]?.message}`, { issues });
  }
  return parsed.data;
}

/** Publishes one camera event to the outbox as a `vehicle_event`; a repeated (camera, event id) is stored once. */
export function publishCameraAiEvent(publish: CameraAiPublish, e: CameraAiEvent): { event: VehicleEvent; key: string; duplicate: boolean } {
  const event = toVehicleEvent(e);
  const key = cameraAiIdempotencyKey(e.cameraId, e.eventId);
  return { event, key, duplicate: publish('vehicle_event', event, key).duplicate };
}

// Cameras read plates with spaces, dashes and lower case; camnet keeps A–Z 0–9. No per-character confidence is
// invented: a camera reports one confidence for the whole read, so `chars` stays empty.
function plateRead(p: CameraAiEvent['plate']): VehicleEvent['plate'] {
  if (!p) return null;
  const text = normalisePlate(p.text);
  if (text.length === 0) return null;
  if (text.length > 10) throw new CameraAiEventError('plate_text_invalid', `plate "${p.text}" has more than 10 letters and digits`);
  return { text, confidence: p.confidence, chars: [], alternates: [] };
}
