import type { Colour } from '@camnet/core';
import type { StoredVehicleEvent, VehicleEventHit } from '../vehicle-events/vehicle-event.store.ts';
import type { CameraPlace } from './search-places.ts';

/** One search hit as the API shows it. */
export interface SearchHitView {
  id: string;
  cameraId: string;
  cameraName: string | null;
  lat: number | null;
  lon: number | null;
  startedAt: string;
  endedAt: string;
  receivedAt: string;
  type: string;
  colour: string | null;
  colourConfidence: number;
  /** `requested` when the colour is one asked for, `similar` when it is an offered look-alike (silver → gray). */
  colourMatch: 'requested' | 'similar' | null;
  plate: string | null;
  plateConfidence: number | null;
  plateMatch: { quality: string; score: number } | null;
  direction: number | null;
  source: string;
  thumbnailUrl: string | null;
}

/** Presents an event with its camera's name and position (null when the camera is not in the registry). */
export function presentHit(hit: VehicleEventHit, cameras: ReadonlyMap<string, CameraPlace>, requested: readonly Colour[]): SearchHitView {
  const e: StoredVehicleEvent = hit.event;
  const camera = cameras.get(e.cameraId);
  return {
    id: String(e.id), cameraId: e.cameraId, cameraName: camera?.name ?? null, lat: camera?.lat ?? null, lon: camera?.lon ?? null,
    startedAt: e.startedAt, endedAt: e.endedAt, receivedAt: e.receivedAt, type: e.type, colour: e.colour, colourConfidence: e.colourConfidence,
    colourMatch: requested.length === 0 || !e.colour ? null : requested.includes(e.colour) ? 'requested' : 'similar',
    plate: e.plate?.text ?? null, plateConfidence: e.plate?.confidence ?? null,
    plateMatch: hit.plateMatch ? { quality: hit.plateMatch.quality, score: Math.round(hit.plateMatch.score * 100) / 100 } : null,
    direction: e.direction, source: e.source, thumbnailUrl: e.hasThumbnail ? `/api/v1/vehicle-events/${e.id}/thumbnail` : null,
  };
}

const CSV_COLUMNS: (keyof SearchHitView)[] = ['id', 'startedAt', 'endedAt', 'cameraId', 'cameraName', 'lat', 'lon', 'type', 'colour', 'colourConfidence', 'colourMatch', 'plate', 'plateConfidence', 'direction', 'source'];

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV of hits, one row each, header first. */
export function hitsToCsv(hits: readonly SearchHitView[]): string {
  const rows = hits.map((h) => CSV_COLUMNS.map((c) => csvCell(c === 'plateMatch' ? h.plateMatch?.quality : h[c])).join(','));
  return [CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

/** GeoJSON FeatureCollection of hits at their cameras (hits without a known position are left out). */
export function hitsToGeoJson(hits: readonly SearchHitView[]) {
  return {
    type: 'FeatureCollection' as const,
    features: hits.filter((h) => h.lat !== null && h.lon !== null).map((h) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [h.lon!, h.lat!] },
      properties: Object.fromEntries(Object.entries(h).filter(([k]) => k !== 'lat' && k !== 'lon')),
    })),
  };
}

/** A journey: sightings in time order and the path between their cameras as a GeoJSON LineString. */
export function journeyView(plate: string, sightings: readonly SearchHitView[]) {
  const placed = sightings.filter((s) => s.lat !== null && s.lon !== null);
  return {
    plate,
    sightings,
    path: {
      type: 'Feature' as const,
      geometry: { type: 'LineString' as const, coordinates: placed.map((s) => [s.lon!, s.lat!]) },
      properties: { plate, times: placed.map((s) => s.startedAt), cameraIds: placed.map((s) => s.cameraId) },
    },
  };
}
