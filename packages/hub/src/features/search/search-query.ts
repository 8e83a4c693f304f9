import { COLOUR_NEIGHBOURS, invalid, planPlateQuery } from '@camnet/core';
import type { Colour } from '@camnet/core';
import type { VehicleEventCursor, VehicleEventQuery } from '../vehicle-events/vehicle-event.store.ts';
import type { AddressPlace, CameraPlace, ResolvedPlace } from './search-places.ts';
import { resolvePlace } from './search-places.ts';
import { DIRECTIONS, purposeSchema } from './search.schemas.ts';
import type { Purpose, SearchFilters } from './search.schemas.ts';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** The longest time range one search may cover. */
export const MAX_SPAN_DAYS = 400;

/** Checks the stated reason; a missing or incomplete one, or an offence not in the list, is `purpose_required`. */
export function checkPurpose(raw: unknown, offences: readonly string[]): Purpose {
  const parsed = purposeSchema.safeParse(raw);
  if (!parsed.success) {
    throw invalid('purpose_required', 'Every search needs a reason: a case number, an offence category and a short text.', {
      missing: parsed.error.issues.map((i) => i.path.join('.') || 'purpose'), offences,
    });
  }
  const match = offences.find((o) => o.toLowerCase() === parsed.data.offence.toLowerCase());
  if (!match) throw invalid('purpose_required', `"${parsed.data.offence}" is not an offence category of this network.`, { missing: ['offence'], offences });
  return { ...parsed.data, offence: match };
}

/** Absolute or relative time range to epoch ms; default the last 24 hours. */
export function resolveTime(time: SearchFilters['time'], now: number): { fromMs: number; toMs: number } {
  let toMs = time?.to ? Date.parse(time.to) : now;
  let fromMs = time?.from ? Date.parse(time.from) : toMs - UNIT_MS.d;
  if (time?.last) {
    const n = Number(time.last.slice(0, -1));
    toMs = time.to ? toMs : now;
    fromMs = toMs - n * UNIT_MS[time.last.at(-1) as keyof typeof UNIT_MS];
  }
  if (fromMs >= toMs) throw invalid('time_range_invalid', 'The start of the time range must be before its end.', { path: 'filters.time' });
  if (toMs - fromMs > MAX_SPAN_DAYS * UNIT_MS.d) throw invalid('time_range_too_long', `A search covers at most ${MAX_SPAN_DAYS} days.`, { path: 'filters.time' });
  return { fromMs, toMs };
}

/** The colours asked for, and the look-alikes offered with them (silver → gray). */
export function expandColours(colours: readonly Colour[] | undefined, similar: boolean): { requested: Colour[]; offered: Colour[] } {
  const requested = [...new Set(colours ?? [])];
  if (!similar) return { requested, offered: [] };
  const offered = [...new Set(requested.map((c) => COLOUR_NEIGHBOURS[c][0]).filter((c): c is Colour => !!c && !requested.includes(c)))];
  return { requested, offered };
}

/** Compass sector of a direction name, ±22.5°. */
export function directionRange(name: (typeof DIRECTIONS)[number]): { from: number; to: number } {
  const centre = DIRECTIONS.indexOf(name) * 45;
  return { from: (centre - 22.5 + 360) % 360, to: (centre + 22.5) % 360 };
}

/** A search turned into a store query: place resolved to cameras, plate planned (or refused as too broad). */
export interface PlannedSearch {
  query: VehicleEventQuery;
  colours: { requested: Colour[]; offered: Colour[] };
  place: ResolvedPlace | null;
}

/** Plans a search from its filters (validated already) at time `now`; `inArea` is the database's answer for the place's area, if any. */
export function planSearch(filters: SearchFilters, now: number, cameras: readonly CameraPlace[], addresses: readonly AddressPlace[], inArea?: readonly string[] | null): PlannedSearch {
  const { fromMs, toMs } = resolveTime(filters.time, now);
  const place = resolvePlace(filters.place, cameras, addresses, inArea);
  const colours = expandColours(filters.colours, filters.similarColours);
  const query: VehicleEventQuery = { fromMs, toMs };
  if (place) query.cameraIds = place.cameraIds;
  if (filters.types?.length) query.types = filters.types;
  if (colours.requested.length) query.colours = [...colours.requested, ...colours.offered];
  if (filters.direction) query.direction = directionRange(filters.direction);
  if (filters.minConfidence !== undefined) query.minConfidence = filters.minConfidence;
  if (filters.sources) query.sources = filters.sources;
  if (filters.plate) {
    query.plate = planPlateQuery(filters.plate.text, {
      fuzzy: filters.plate.fuzzy,
      scope: { fromMs, toMs, ...(place?.cameraIds && filters.place?.cameraIds ? { cameraCount: place.cameraIds.length } : {}), ...(place?.areaM2 !== undefined ? { areaM2: place.areaM2 } : {}) },
    });
  }
  return { query, colours, place };
}

/** Opaque keyset cursor ⇄ the store's position. */
export const encodeCursor = (c: VehicleEventCursor | null): string | null => (c ? Buffer.from(JSON.stringify(c)).toString('base64url') : null);

export function decodeCursor(text: string | undefined): VehicleEventCursor | undefined {
  if (!text) return undefined;
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as VehicleEventCursor;
    if (typeof c.id === 'number' && (c.score === undefined || typeof c.score === 'number')) return c;
  } catch { /* fall through */ }
  throw invalid('cursor_invalid', 'The page cursor is not one this hub gave out; start from the first page.', { path: 'cursor' });
}
