import { z } from 'zod';
import type { LatLon } from '@camnet/core';

/** An acoustic sensor in the registry: where it is and how good its clock is (1σ, milliseconds). */
export interface AcousticSensor extends LatLon {
  id: string;
  name: string;
  clockSigmaMs: number;
  createdAt: string;
  updatedAt: string;
}

export const sensorInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  clockSigmaMs: z.number().positive().max(1000).default(1).describe('Timing quality, 1σ in ms (GPS-disciplined ≈ 0.1–1)'),
});
export type SensorInput = z.infer<typeof sensorInputSchema>;

/** Arrivals of impulses at sensors; several impulses may be mixed (they are grouped by time). */
export const arrivalsInputSchema = z.object({
  temperatureC: z.number().min(-50).max(60).optional(),
  complete: z.boolean().default(true).describe('true: these are all the reports of their impulse(s), located now; false: sensors reporting one by one, pooled until each impulse’s window closes'),
  reports: z.array(z.object({
    sensorId: z.string().min(1).max(64),
    arrivalTime: z.iso.datetime().optional().describe('ISO time with milliseconds'),
    arrivalMs: z.number().optional().describe('Epoch milliseconds (sub-millisecond allowed); wins over arrivalTime'),
    confidence: z.number().min(0).max(1).optional(),
  }).refine((r) => r.arrivalMs !== undefined || r.arrivalTime !== undefined, 'give arrivalMs or arrivalTime')).min(1).max(500),
});
export type ArrivalsInput = z.infer<typeof arrivalsInputSchema>;

/** A vendor event that already carries a location (ShotSpotter-style notification JSON). */
export const vendorShotSchema = z.object({
  id: z.union([z.string().min(1).max(100), z.number()]).transform(String),
  type: z.string().max(60).default('Gunshot'),
  rounds: z.number().int().min(0).max(1000).optional(),
  datetime: z.iso.datetime({ offset: true }),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  address: z.string().max(200).optional(),
  vendor: z.string().trim().max(40).default('shotspotter'),
});
export type VendorShot = z.infer<typeof vendorShotSchema>;

/** A located shot, tied to the incident it opened. */
export interface Gunshot extends LatLon {
  id: string;
  incidentId: string;
  source: 'acoustic' | 'vendor';
  uncertaintyM: number | null;
  emittedAt: string;
  sensors: number;
  details: Record<string, unknown>;
  createdAt: string;
}

/** Sensors and located shots. */
export interface GunshotStore {
  insertSensor(s: AcousticSensor): Promise<void>;
  listSensors(): Promise<AcousticSensor[]>;
  findSensors(ids: string[]): Promise<AcousticSensor[]>;
  deleteSensor(id: string): Promise<boolean>;
  insertShot(g: Gunshot): Promise<void>;
  listShots(limit: number): Promise<Gunshot[]>;
}
