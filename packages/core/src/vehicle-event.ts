import { z } from 'zod';
import { COLOURS, VEHICLE_TYPES } from './vehicles.ts';

/** Where a vehicle event came from: camnet's own edge vision, a camera's built-in AI, or an import. */
export const VEHICLE_EVENT_SOURCES = ['edge', 'camera-ai', 'import'] as const;
export type VehicleEventSource = (typeof VEHICLE_EVENT_SOURCES)[number];

const confidence = z.number().min(0).max(1);

/** One plate character with the reader's confidence in it (0..1). */
export const plateCharSchema = z.object({ c: z.string().length(1), confidence });

/** A plate read: best text, its confidence, per-character confidence and ranked alternates (best first). */
export const plateReadSchema = z.object({
  text: z.string().regex(/^[A-Z0-9]{1,10}$/, 'plate text is upper-case A-Z and 0-9 only'),
  confidence,
  chars: z.array(plateCharSchema).max(10),
  alternates: z.array(z.object({ text: z.string().regex(/^[A-Z0-9]{1,10}$/), confidence })).max(10),
});
export type PlateRead = z.infer<typeof plateReadSchema>;

/** A bounding box in source pixels: [x, y, width, height]. */
export const boxSchema = z.tuple([z.number(), z.number(), z.number().nonnegative(), z.number().nonnegative()]);
export type Box = z.infer<typeof boxSchema>;

/** One vehicle passing one camera, as an edge emits it (DESIGN.md §4); times are ISO 8601 UTC. */
export const vehicleEventSchema = z
  .object({
    localId: z.string().min(1).max(64),
    cameraId: z.string().min(1),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime(),
    type: z.enum(VEHICLE_TYPES),
    colour: z.enum(COLOURS).nullable(),
    colourConfidence: confidence,
    colourAlt: z.enum(COLOURS).nullable(),
    plate: plateReadSchema.nullable(),
    /** Direction of travel in degrees clockwise from north, or null when unknown. */
    direction: z.number().min(0).max(360).nullable(),
    box: boxSchema,
    source: z.enum(VEHICLE_EVENT_SOURCES),
    thumbnailJpegBase64: z.string().max(400_000).optional(),
    plateCropJpegBase64: z.string().max(200_000).optional(),
  })
  .refine((e) => e.endedAt >= e.startedAt, { message: 'endedAt must not be before startedAt', path: ['endedAt'] });
export type VehicleEvent = z.infer<typeof vehicleEventSchema>;
