/**
 * Seeded synthetic vehicle events, streamed in time order (10M events never sit in memory).
 *
 * Each camera sees a Poisson stream whose rate follows a diurnal curve (weekday or weekend, local
 * time) and the street class (arterial vs residential). A share of sightings are "returning"
 * vehicles from a fixed fleet; each such sighting may continue as a trip to nearby cameras at city
 * speeds, so the same plate appears at several cameras in a plausible order. Reads carry observation
 * noise: colour and type slips, unreadable plates (more at night) and OCR misreads on a share.
 */
import { COLOUR_NEIGHBOURS, type Colour, type VehicleType } from '../vehicles.ts';
import type { VehicleEvent } from '../vehicle-event.ts';
import { createRandom, type Random } from './random.ts';
import { randomPlate, readPlate } from './plate-reads.ts';
import { COLOUR_PRIOR, DIURNAL_WEEKDAY, DIURNAL_WEEKEND, TYPE_PRIOR } from './vocabulary.ts';
import { createNeighbourFinder, type EventCamera } from './neighbours.ts';

export type { EventCamera } from './neighbours.ts';

/** A generated event with its ground truth (which vehicle, its real plate), for tests and benchmarks. */
export interface SyntheticVehicleEvent extends VehicleEvent {
  truth: { vehicleId: string; plate: string | null; colour: Colour; type: VehicleType };
}

/** Options; rates are mean vehicles per camera-hour over a day. */
export interface VehicleEventOptions {
  seed: number | string;
  cameras: readonly EventCamera[];
  from: Date | number;
  to: Date | number;
  ratePerHour?: { arterial: number; residential: number };
  /** Share of plate reads with one OCR misread (default 0.08). */
  ocrNoise?: number;
  /** Share of sightings that are vehicles from the returning fleet (default 0.4). */
  returningShare?: number;
  /** Chance a returning vehicle is seen again at a nearby camera (default 0.6 per hop). */
  continueChance?: number;
  /** Returning vehicles; default sized so each is seen starting about three trips a day. */
  fleetSize?: number;
  /** Local time offset for the diurnal curve (default −6, US Central standard time). */
  utcOffsetHours?: number;
}

interface Vehicle {
  id: string;
  plate: string | null;
  type: Exclude<VehicleType, 'unknown'>;
  colour: Colour;
}

interface Sighting {
  atMs: number;
  camera: EventCamera;
  vehicle: Vehicle;
  direction: number;
}

const SLICE_MS = 15 * 60_000;
const HOUR_MS = 3600_000;

function newVehicle(rnd: Random, id: string): Vehicle {
  const type = rnd.weighted(TYPE_PRIOR);
  return { id, type, colour: rnd.weighted(COLOUR_PRIOR), plate: type === 'bicycle' ? null : randomPlate(rnd) };
}

/** Relative traffic at `ms` for the local hour and weekday. */
export function diurnalFactor(ms: number, utcOffsetHours = -6): number {
  const localMs = ms + utcOffsetHours * HOUR_MS;
  const hour = Math.floor(localMs / HOUR_MS) % 24;
  const weekday = (Math.floor(localMs / (24 * HOUR_MS)) + 4) % 7; // 1970-01-01 was a Thursday
  return (weekday === 0 || weekday === 6 ? DIURNAL_WEEKEND : DIURNAL_WEEKDAY)[(hour + 24) % 24]!;
}

/** Streams vehicle events for `cameras` between `from` and `to`, in start-time order. Pure and seeded. */
export function* generateVehicleEvents(opts: VehicleEventOptions): Generator<SyntheticVehicleEvent> {
  const rnd = createRandom(opts.seed);
  const from = +opts.from;
  const to = +opts.to;
  const rates = opts.ratePerHour ?? { arterial: 60, residential: 8 };
  const returning = opts.returningShare ?? 0.4;
  const perDay = opts.cameras.reduce((sum, c) => sum + (c.arterial ? rates.arterial : rates.residential), 0) * 24;
  const fleetSize = opts.fleetSize ?? Math.max(50, Math.round((perDay * returning) / 3));
  const fleet = Array.from({ length: fleetSize }, (_, i) => newVehicle(rnd, `veh-f${i}`));
  const trips = createTripPlanner(rnd, opts.cameras, opts.continueChance ?? 0.6);
  let pending: Sighting[] = [];
  let oneOff = 0;
  let seq = 0;
  for (let t = from; t < to; t += SLICE_MS) {
    const sliceEnd = Math.min(t + SLICE_MS, to);
    const factor = diurnalFactor(t, opts.utcOffsetHours);
    for (const camera of opts.cameras) {
      const lambda = (camera.arterial ? rates.arterial : rates.residential) * factor * ((sliceEnd - t) / HOUR_MS);
      for (let k = rnd.poisson(lambda); k > 0; k--) {
        const atMs = t + rnd.next() * (sliceEnd - t);
        const fromFleet = rnd.chance(returning);
        const vehicle = fromFleet ? rnd.pick(fleet) : newVehicle(rnd, `veh-o${oneOff++}`);
        pending.push({ atMs, camera, vehicle, direction: streetDirection(rnd, camera) });
        if (fromFleet) trips(pending, camera, vehicle, atMs);
      }
    }
    pending.sort((a, b) => a.atMs - b.atMs);
    const cut = pending.findIndex((s) => s.atMs >= sliceEnd);
    const due = cut < 0 ? pending : pending.slice(0, cut);
    pending = cut < 0 ? [] : pending.slice(cut);
    for (const s of due) yield observe(rnd, s, seq++, opts.ocrNoise ?? 0.08, opts.utcOffsetHours ?? -6);
  }
}

/** Traffic passes across a camera's view: roughly perpendicular to its heading, either way. */
function streetDirection(rnd: Random, camera: EventCamera): number {
  const base = (camera.headingDeg ?? 0) + (rnd.chance(0.5) ? 90 : 270);
  return Math.round((base + rnd.normal(0, 8) + 720) % 360);
}

/** Schedules the rest of a returning vehicle's trip: hops to nearby cameras at 7–15 m/s. */
function createTripPlanner(rnd: Random, cameras: readonly EventCamera[], continueChance: number) {
  const neighbours = createNeighbourFinder(cameras);
  return (out: Sighting[], start: EventCamera, vehicle: Vehicle, atMs: number) => {
    let here = start;
    let t = atMs;
    for (let hop = 0; hop < 8 && rnd.chance(continueChance); hop++) {
      const options = neighbours(here);
      if (options.length === 0) return;
      const next = rnd.pick(options);
      t += (next.distanceM / (7 + 8 * rnd.next())) * 1000 + rnd.next() * 20_000;
      out.push({ atMs: t, camera: next.camera, vehicle, direction: Math.round(next.bearingDeg) % 360 });
      here = next.camera;
    }
  };
}

/** Turns a true sighting into what a camera reports: colour/type slips, unreadable or misread plates. */
function observe(rnd: Random, s: Sighting, seq: number, ocrNoise: number, utcOffsetHours: number): SyntheticVehicleEvent {
  const { vehicle: v } = s;
  const hour = Math.floor((s.atMs + utcOffsetHours * HOUR_MS) / HOUR_MS) % 24;
  const night = hour < 6 || hour >= 20;
  const colourSlip = rnd.chance(night ? 0.25 : 0.1) ? rnd.pick([...COLOUR_NEIGHBOURS[v.colour], v.colour]) : v.colour;
  const type = rnd.chance(0.04) ? typeSlip(v.type) : rnd.chance(0.02) ? 'unknown' : v.type;
  const unreadable = v.plate === null || rnd.chance(night ? 0.2 : 0.08);
  const startMs = Math.floor(s.atMs);
  const w = 120 + rnd.int(0, 400);
  return {
    localId: `${s.camera.id}-${seq}`,
    cameraId: s.camera.id,
    startedAt: new Date(startMs).toISOString(),
    endedAt: new Date(startMs + 1500 + rnd.int(0, 4500)).toISOString(),
    type,
    colour: colourSlip,
    colourConfidence: Math.round((colourSlip === v.colour ? 0.6 + 0.38 * rnd.next() : 0.35 + 0.3 * rnd.next()) * 100) / 100,
    colourAlt: colourSlip === v.colour ? (COLOUR_NEIGHBOURS[v.colour][0] ?? null) : v.colour,
    plate: unreadable ? null : readPlate(rnd, v.plate!, ocrNoise),
    direction: s.direction,
    box: [rnd.int(0, 1920 - w), rnd.int(200, 700), w, Math.round(w * 0.6)],
    source: s.camera.source ?? sourceOf(s.camera.id),
    truth: { vehicleId: v.id, plate: v.plate, colour: v.colour, type: v.type },
  };
}

/** About one camera in seven reports through its own built-in AI rather than camnet's edge vision. */
function sourceOf(cameraId: string): 'edge' | 'camera-ai' {
  let h = 0;
  for (let i = 0; i < cameraId.length; i++) h = (Math.imul(h, 31) + cameraId.charCodeAt(i)) | 0;
  return (h >>> 0) % 7 === 0 ? 'camera-ai' : 'edge';
}

const SLIPS: Partial<Record<VehicleType, VehicleType>> = { car: 'suv', suv: 'car', pickup: 'truck', truck: 'pickup', van: 'suv', bus: 'truck', motorcycle: 'bicycle', bicycle: 'motorcycle' };

function typeSlip(t: VehicleType): VehicleType {
  return SLIPS[t] ?? t;
}
