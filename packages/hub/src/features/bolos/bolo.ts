import { z } from 'zod';

/** A vehicle as described in a BOLO (any part may be unknown). */
export const vehicleDescriptionSchema = z.object({
  type: z.string().trim().max(40).optional(),
  colour: z.string().trim().max(40).optional(),
  make: z.string().trim().max(40).optional(),
  model: z.string().trim().max(40).optional(),
  state: z.string().trim().max(20).optional().describe('Plate state or region'),
});

const image = z.string().max(600_000).refine((s) => /^data:image\/(jpeg|png|webp);base64,/.test(s) || /^\/api\/v1\//.test(s) || /^https:\/\//.test(s),
  'an image is a data:image/… URL, an https URL, or a hub API path');

/** What an operator sends: from an incident or an event, with images, vehicle, plate, last seen place and time. */
export const boloInputSchema = z.object({
  incidentId: z.string().max(64).optional(),
  eventId: z.string().max(64).optional(),
  title: z.string().trim().min(1).max(160),
  plate: z.string().trim().toUpperCase().max(20).optional(),
  vehicle: vehicleDescriptionSchema.default({}),
  description: z.string().trim().max(4000).optional(),
  images: z.array(image).max(4).default([]),
  lastSeenAt: z.iso.datetime().optional(),
  lastSeenPlace: z.string().trim().max(200).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});
export type BoloInput = z.infer<typeof boloInputSchema>;

/** One patrol user's acknowledgement. */
export interface BoloAck {
  boloId: string;
  userId: string;
  userEmail: string;
  at: string;
  note: string | null;
}

/** A be-on-the-lookout sent to patrol. */
export interface Bolo {
  id: string;
  incidentId: string | null;
  eventId: string | null;
  title: string;
  plate: string | null;
  vehicle: z.infer<typeof vehicleDescriptionSchema>;
  description: string | null;
  images: string[];
  lastSeenAt: string | null;
  lastSeenPlace: string | null;
  lat: number | null;
  lon: number | null;
  sentBy: string;
  createdAt: string;
}

/** BOLOs and acknowledgements. `addAck` answers false when this user already acknowledged. */
export interface BoloStore {
  insert(bolo: Bolo): Promise<void>;
  findById(id: string): Promise<Bolo | null>;
  /** Newest first; `before` is a cursor "createdAt|id". */
  list(page: { before?: string; limit: number }): Promise<Bolo[]>;
  addAck(ack: BoloAck): Promise<boolean>;
  acksFor(boloIds: string[]): Promise<BoloAck[]>;
}
