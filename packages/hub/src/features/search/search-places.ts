import { distanceM, invalid } from '@camnet/core';
import type { LatLon } from '@camnet/core';
import type { CameraArea } from '../cameras/camera.store.ts';
import type { SearchFilters } from './search.schemas.ts';

/** A camera's position, for place filters and for drawing hits. */
export interface CameraPlace extends LatLon {
  id: string;
  name: string;
}

/** An addressed place from the registry (sites for now). */
export interface AddressPlace extends LatLon {
  address: string;
}

/** Where the search looks: the cameras inside, and the area for the too-broad rule. */
export interface ResolvedPlace {
  cameraIds: string[];
  areaM2?: number;
  label: string;
}

const M_PER_DEG = 111_320;

/** True when [lon, lat] lies inside the ring (even-odd rule; small areas, so planar is fine). */
export function polygonContains(ring: readonly (readonly [number, number])[], p: LatLon): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p.lat !== yj > p.lat && p.lon < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Area of a [lon, lat] ring in square metres (local equirectangular projection). */
export function polygonAreaM2(ring: readonly (readonly [number, number])[]): number {
  const lat0 = (ring.reduce((s, [, lat]) => s + lat, 0) / ring.length) * (Math.PI / 180);
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    twice += xj * Math.cos(lat0) * M_PER_DEG * yi * M_PER_DEG - xi * Math.cos(lat0) * M_PER_DEG * yj * M_PER_DEG;
  }
  return Math.abs(twice) / 2;
}

const streetWords = (s: string) => s.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\b(st|street|ave|avenue|blvd|boulevard|rd|road|dr|drive|n|s|e|w)\b/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Finds an address or an intersection ("Gravois & Chippewa", "Gravois and Chippewa") among the
 * registry's addresses: an intersection is the midpoint of the closest pair of places on the two streets.
 */
export function locateAddress(text: string, places: readonly AddressPlace[]): LatLon | null {
  const parts = text.split(/\s*(?:&|\band\b|\bat\b|\/)\s*/i).map(streetWords).filter(Boolean);
  if (parts.length >= 2) {
    const [a, b] = [places.filter((p) => streetWords(p.address).includes(parts[0]!)), places.filter((p) => streetWords(p.address).includes(parts[1]!))];
    let best: { d: number; at: LatLon } | null = null;
    for (const pa of a) for (const pb of b) {
      const d = distanceM(pa, pb);
      if (!best || d < best.d) best = { d, at: { lat: (pa.lat + pb.lat) / 2, lon: (pa.lon + pb.lon) / 2 } };
    }
    return best?.at ?? null;
  }
  const want = streetWords(text);
  const hit = places.find((p) => streetWords(p.address) === want) ?? places.find((p) => streetWords(p.address).includes(want));
  return hit ? { lat: hit.lat, lon: hit.lon } : null;
}

/**
 * The map area of a place filter (the drawn ring, the radius round a point, the radius round an address); null
 * when it has none. An address not in the registry is `place_not_found`.
 */
export function placeArea(place: SearchFilters['place'], addresses: readonly AddressPlace[]): CameraArea | null {
  if (!place?.polygon && !place?.near && !place?.address) return null;
  const circles: { lat: number; lon: number; radiusM: number }[] = [];
  if (place.near) circles.push(place.near);
  if (place.address) {
    const at = locateAddress(place.address, addresses);
    if (!at) throw invalid('place_not_found', `No address or intersection in the registry matches "${place.address}".`, { path: 'filters.place.address' });
    circles.push({ lat: at.lat, lon: at.lon, radiusM: place.radiusM });
  }
  return { ...(place.polygon ? { polygon: place.polygon } : {}), circles };
}

/** The in-memory answer to an area: inside the ring (even-odd) and within every circle (great-circle metres). */
export function isInArea(area: CameraArea, p: LatLon): boolean {
  return (!area.polygon || polygonContains(area.polygon, p)) && (area.circles ?? []).every((c) => distanceM(p, c) <= c.radiusM);
}

/**
 * Turns a place filter into the cameras inside it; null when the filter names no place. `inArea` is the
 * database's answer for the area when it gave one; otherwise `cameras` are filtered here.
 */
export function resolvePlace(place: SearchFilters['place'], cameras: readonly CameraPlace[], addresses: readonly AddressPlace[], inArea?: readonly string[] | null): ResolvedPlace | null {
  if (!place) return null;
  const area = placeArea(place, addresses);
  let ids: Set<string> | null = place.cameraIds ? new Set(place.cameraIds) : null;
  if (area) {
    const inside = inArea ?? cameras.filter((c) => isInArea(area, c)).map((c) => c.id);
    ids = ids ? new Set(inside.filter((id) => ids!.has(id))) : new Set(inside);
  }
  if (!ids) return null;
  const labels: string[] = [];
  let areaM2: number | undefined;
  if (place.cameraIds) labels.push(`${place.cameraIds.length} camera(s)`);
  if (place.polygon) {
    areaM2 = polygonAreaM2(place.polygon);
    labels.push('drawn area');
  }
  const circle = (radiusM: number, label: string) => {
    areaM2 = Math.min(areaM2 ?? Infinity, Math.PI * radiusM ** 2);
    labels.push(label);
  };
  if (place.near) circle(place.near.radiusM, `within ${place.near.radiusM} m`);
  if (place.address) circle(place.radiusM, `near ${place.address}`);
  return { cameraIds: [...ids], ...(areaM2 !== undefined ? { areaM2 } : {}), label: labels.join(', ') };
}
