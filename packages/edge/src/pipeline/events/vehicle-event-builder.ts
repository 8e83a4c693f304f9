import { vehicleEventSchema, type Colour, type VehicleEvent, type VehicleType } from '@camnet/core';
import type { Rect } from '../capture/rgb-image.ts';
import type { VotedPlate } from '../plates/plate-vote.ts';

/** Everything the pipeline knows about a finished vehicle pass, in stream seconds. */
export interface FinishedVehicle {
  trackId: number;
  startS: number;
  endS: number;
  type: VehicleType;
  colour: Colour | null;
  colourConfidence: number;
  colourAlt: Colour | null;
  plate: VotedPlate | null;
  direction: number | null;
  box: Rect;
  thumbnailJpeg?: Uint8Array;
  plateCropJpeg?: Uint8Array;
}

/** Where the stream's second 0 is in wall time, and which camera it is. */
export interface EventContext {
  cameraId: string;
  streamStart: Date;
}

/** Turns a finished vehicle pass into a validated VehicleEvent (source `edge`); throws if it would not validate. */
export function buildVehicleEvent(v: FinishedVehicle, ctx: EventContext): VehicleEvent {
  const at = (s: number) => new Date(ctx.streamStart.getTime() + Math.round(s * 1000)).toISOString();
  return vehicleEventSchema.parse({
    localId: `${ctx.cameraId}-${ctx.streamStart.getTime().toString(36)}-${v.trackId}`,
    cameraId: ctx.cameraId,
    startedAt: at(v.startS),
    endedAt: at(v.endS),
    type: v.type,
    colour: v.colour,
    colourConfidence: v.colourConfidence,
    colourAlt: v.colourAlt,
    plate: v.plate ? { text: v.plate.text, confidence: v.plate.confidence, chars: v.plate.chars, alternates: v.plate.alternates } : null,
    direction: v.direction,
    box: v.box.map((n) => Math.round(n)),
    source: 'edge',
    ...(v.thumbnailJpeg ? { thumbnailJpegBase64: Buffer.from(v.thumbnailJpeg).toString('base64') } : {}),
    ...(v.plateCropJpeg ? { plateCropJpegBase64: Buffer.from(v.plateCropJpeg).toString('base64') } : {}),
  });
}
