import { boxSchema } from '@camnet/core';
import { z } from 'zod';
import { CameraAiEventError, UNSTATED_CONFIDENCE, type CameraAiEvent } from './camera-ai-event.ts';

const eventId = z.string().regex(/^[A-Za-z0-9._:-]{1,60}$/, '1-60 letters, digits, . _ : -');
const instant = z.union([z.iso.datetime({ offset: true }), z.number().int().min(0)]).describe('ISO 8601 with zone, or epoch milliseconds');
const confidence = z.number().min(0).max(1);

/** The generic push shape (docs/camera-ai.md): what any camera or integration POSTs to /api/v1/camera-ai/events. */
export const cameraAiPushSchema = z.strictObject({
  eventId: eventId.describe("The camera's id for this event; the same id sent again is stored once"),
  cameraId: z.string().min(1).max(100).optional().describe('Must match the authenticated camera when given'),
  time: instant.describe('When the vehicle was seen'),
  endTime: instant.optional().describe('When it left the view (default: time)'),
  type: z.string().max(60).nullable().optional().describe('Vehicle type in the camera’s words'),
  colour: z.string().max(60).nullable().optional(),
  color: z.string().max(60).nullable().optional().describe('US spelling of colour'),
  colourConfidence: confidence.optional(),
  plate: z.strictObject({ text: z.string().min(1).max(32), confidence }).nullable().optional(),
  direction: z.union([z.number().min(0).max(360), z.string().max(20)]).nullable().optional().describe('Degrees from north, or N/NE/…/northbound'),
  box: boxSchema.optional().describe('Vehicle bounding box [x, y, width, height] in source pixels'),
  imageJpegBase64: z.string().max(400_000).optional(),
  plateImageJpegBase64: z.string().max(200_000).optional(),
});
/** A validated generic push body. */
export type CameraAiPush = z.infer<typeof cameraAiPushSchema>;

/**
 * The JSON part of an AXIS License Plate Verifier HTTP event (FF Group "JSON fields protocol 1.6": plateUTF8,
 * plateConfidence, carID, carState, carMoveDirection, capture_timestamp / datetime). Only fields camnet uses.
 */
export const axisLpvPushSchema = z.looseObject({
  plateUTF8: z.string().max(32).optional(),
  plateText: z.string().max(32).optional(),
  plateConfidence: z.number().min(0).max(1).optional(),
  carID: z.union([z.number().int().min(0), z.string().regex(/^[0-9]{1,40}$/)]),
  carState: z.string().max(20).optional(),
  carMoveDirection: z.string().max(20).optional(),
  capture_timestamp: z.number().int().min(0).optional(),
  datetime: z.string().regex(/^\d{8} \d{9}/, 'YYYYMMDD HHMMSSFFF').optional(),
});

/** The formats the push endpoint accepts, by path segment: /api/v1/camera-ai/<format>. */
export const PUSH_FORMATS = ['events', 'axis-lpv'] as const;
/** One of PUSH_FORMATS. */
export type PushFormat = (typeof PUSH_FORMATS)[number];

/** Validates a pushed body in `format` for the authenticated camera; throws CameraAiEventError on bad input. */
export function parsePushBody(format: PushFormat, cameraId: string, body: unknown): CameraAiEvent {
  return format === 'axis-lpv' ? fromAxisLpv(cameraId, check(axisLpvPushSchema, body)) : fromGeneric(cameraId, check(cameraAiPushSchema, body));
}

function check<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new CameraAiEventError('camera_ai_event_invalid', `invalid event: ${issues[0]?.path || '(body)'}: ${issues[0]?.message}`, { issues });
}

function fromGeneric(cameraId: string, b: CameraAiPush): CameraAiEvent {
  if (b.cameraId !== undefined && b.cameraId !== cameraId) {
    throw new CameraAiEventError('camera_mismatch', `the body names camera "${b.cameraId}" but the credential is camera "${cameraId}"`);
  }
  const startedAt = toIso(b.time);
  return {
    cameraId, eventId: b.eventId, startedAt, endedAt: b.endTime === undefined ? startedAt : toIso(b.endTime),
    type: b.type ?? null, colour: b.colour ?? b.color ?? null, colourConfidence: b.colourConfidence ?? null,
    plate: b.plate ?? null, direction: b.direction ?? null, box: b.box ?? null,
    imageJpegBase64: b.imageJpegBase64, plateImageJpegBase64: b.plateImageJpegBase64,
  };
}

function fromAxisLpv(cameraId: string, b: z.infer<typeof axisLpvPushSchema>): CameraAiEvent {
  const time = b.capture_timestamp ?? (b.datetime ? lpvDatetime(b.datetime) : null);
  if (time === null) throw new CameraAiEventError('camera_ai_event_invalid', 'invalid event: capture_timestamp or datetime is required');
  const text = b.plateUTF8 ?? b.plateText ?? '';
  const at = toIso(time);
  return {
    cameraId, eventId: `lpv-${b.carID}`, startedAt: at, endedAt: at, type: null, colour: null, colourConfidence: null,
    plate: text ? { text, confidence: b.plateConfidence ?? UNSTATED_CONFIDENCE } : null, direction: null, box: null,
  };
}

// "YYYYMMDD HHMMSSFFF" with an optional "+HHMM" zone; without one the camera's clock is taken as UTC.
function lpvDatetime(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})(\d{3})\s*([+-]\d{4})?$/.exec(s.trim());
  if (!m) throw new CameraAiEventError('camera_ai_event_invalid', `invalid event: datetime "${s}" is not YYYYMMDD HHMMSSFFF`);
  const zone = m[8] ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : 'Z';
  return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}${zone}`);
}

function toIso(t: string | number): string {
  const ms = typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new CameraAiEventError('camera_ai_event_invalid', `invalid event: time "${t}" is not a time`);
  return new Date(ms).toISOString();
}
