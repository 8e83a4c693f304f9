import { invalid, newId, notFound } from '@camnet/core';
import type { LatLon } from '@camnet/core';
import type { AddressPoint, GeocodingStore, StreetIntersection } from './geocoding.store.ts';
import type { GeocodingRow, ParsedGeocodingFile } from './geocoding-interchange.ts';
import { editDistance, normaliseStreet, parseGeocodeQuery, type StreetName } from './street-names.ts';

/** A geocoded place: where, what matched, and how exact it is. */
export interface GeocodeResult extends LatLon {
  query: string;
  label: string;
  kind: 'address' | 'intersection';
  precision: 'exact' | 'interpolated' | 'nearest_number';
  /** True when the street name matched only after a spelling correction. */
  corrected: boolean;
}

export type GeocodingService = ReturnType<typeof createGeocodingService>;

const NUMBER_WINDOW = 200;

/** Offline geocoding over imported address points and intersections; unknown places are `address_not_found` with suggestions. */
export function createGeocodingService({ store }: { store: GeocodingStore }) {
  let streetCache: Promise<{ base: string; name: string }[]> | null = null;
  const streets = () => (streetCache ??= store.streets());

  /** The base as typed, or the one known base within one edit of it (typos), or null. */
  async function resolveBase(s: StreetName): Promise<{ base: string; corrected: boolean } | null> {
    const known = await streets();
    if (known.some((k) => k.base === s.base)) return { base: s.base, corrected: false };
    if (s.base.length < 5) return null;
    const close = [...new Set(known.filter((k) => editDistance(k.base, s.base, 1) <= 1).map((k) => k.base))];
    return close.length === 1 ? { base: close[0]!, corrected: true } : null;
  }

  async function suggestStreets(s: StreetName): Promise<string[]> {
    const known = await streets();
    return known.map((k) => ({ k, d: editDistance(k.base, s.base, 3) + (k.base.startsWith(s.base.slice(0, 3)) ? 0 : 1) }))
      .filter((x) => x.d <= 3).sort((a, b) => a.d - b.d).slice(0, 5).map((x) => x.k.name);
  }

  const notFoundError = (query: string, message: string, suggestions: string[]) =>
    notFound('address_not_found', `${message} Drop a pin on the map instead, or try one of the suggestions.`, { query, suggestions });

  async function geocodeAddress(q: Extract<ReturnType<typeof parseGeocodeQuery>, { kind: 'address' }>): Promise<GeocodeResult> {
    const resolved = await resolveBase(q.street);
    if (!resolved) throw notFoundError(q.text, `No street called “${titleCase(q.street.key)}” is in the address data.`, await suggestStreets(q.street));
    const points = preferSuffix(await store.findNear(resolved.base, q.number, NUMBER_WINDOW), q.street.suffix);
    const base = { query: q.text, kind: 'address' as const, corrected: resolved.corrected };
    const exact = points.find((p) => p.number === q.number);
    if (exact) return { ...base, lat: exact.lat, lon: exact.lon, label: labelOf(exact), precision: 'exact' };
    const between = interpolate(points, q.number);
    if (between) return { ...base, ...between, label: `${q.number} ${points[0]!.street}`, precision: 'interpolated' };
    const nearest = points.sort((a, b) => Math.abs(a.number - q.number) - Math.abs(b.number - q.number))[0];
    if (nearest && Math.abs(nearest.number - q.number) <= 50) return { ...base, lat: nearest.lat, lon: nearest.lon, label: labelOf(nearest), precision: 'nearest_number' };
    const any = preferSuffix(await store.findNear(resolved.base, q.number, 100_000), q.street.suffix).sort((a, b) => Math.abs(a.number - q.number) - Math.abs(b.number - q.number)).slice(0, 3);
    throw notFoundError(q.text, `No number ${q.number} on ${titleCase(q.street.key)} in the address data.`, any.map(labelOf));
  }

  async function geocodeIntersection(q: Extract<ReturnType<typeof parseGeocodeQuery>, { kind: 'intersection' }>): Promise<GeocodeResult> {
    const [a, b] = [await resolveBase(q.a), await resolveBase(q.b)];
    if (!a || !b) {
      const missing = !a ? q.a : q.b;
      throw notFoundError(q.text, `No street called “${titleCase(missing.key)}” is in the address data.`, await suggestStreets(missing));
    }
    const [x] = await store.findIntersections(...sortPair(a.base, b.base));
    if (!x) {
      const on = await store.intersectionsOn(a.base, 5);
      throw notFoundError(q.text, `${titleCase(q.a.key)} and ${titleCase(q.b.key)} do not cross in the intersection data.`, on.map((i) => i.name));
    }
    return { query: q.text, lat: x.lat, lon: x.lon, label: x.name, kind: 'intersection', precision: 'exact', corrected: a.corrected || b.corrected };
  }

  return {
    /** "3500 Gravois Ave", "3500 gravois", "Gravois & Chippewa" → a point; unknown → `address_not_found` with suggestions. */
    async geocode(text: string): Promise<GeocodeResult> {
      const q = parseGeocodeQuery(text);
      if (q.kind === 'address') return geocodeAddress(q);
      if (q.kind === 'intersection') return geocodeIntersection(q);
      throw invalid('address_not_understood', 'Give a house number and street (“3500 Gravois Ave”) or two crossing streets (“Gravois & Chippewa”), or drop a pin on the map.', { query: text });
    },

    /** Stores every parsed row in one transaction, or nothing when any line failed (or on a dry run). */
    async importRows(parsed: ParsedGeocodingFile, dryRun: boolean) {
      const points = parsed.rows.flatMap((r) => (r.kind === 'address' ? [toPoint(r)] : []));
      const crossings = parsed.rows.flatMap((r) => (r.kind === 'intersection' ? [toIntersection(r)] : []));
      const ok = parsed.errors.length === 0;
      if (ok && !dryRun) {
        await store.insert(points, crossings);
        streetCache = null;
      }
      return { rows: parsed.rows.length + parsed.errors.length, addressPoints: points.length, intersections: crossings.length, imported: ok && !dryRun, errors: parsed.errors.slice(0, 200) };
    },

    counts: () => store.counts(),
  };
}

/** When the person gave a suffix ("Ave") and some points have it, only those; otherwise all. */
function preferSuffix(points: AddressPoint[], suffix: string | null): AddressPoint[] {
  const same = suffix ? points.filter((p) => p.streetKey.endsWith(` ${suffix}`)) : [];
  return same.length ? same : points;
}

const titleCase = (key: string) => key.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
const labelOf = (p: AddressPoint) => `${p.number} ${p.street}${p.unit ? ` #${p.unit}` : ''}`;
const sortPair = (a: string, b: string): [string, string] => (a <= b ? [a, b] : [b, a]);

/** Linear interpolation between the closest lower and higher numbers on the street (same parity side first). */
function interpolate(points: AddressPoint[], n: number): LatLon | null {
  const sameSide = points.filter((p) => p.number % 2 === n % 2);
  for (const list of [sameSide, points]) {
    const lo = list.filter((p) => p.number < n).sort((a, b) => b.number - a.number)[0];
    const hi = list.filter((p) => p.number > n).sort((a, b) => a.number - b.number)[0];
    if (lo && hi) {
      const t = (n - lo.number) / (hi.number - lo.number);
      return { lat: lo.lat + t * (hi.lat - lo.lat), lon: lo.lon + t * (hi.lon - lo.lon) };
    }
  }
  return null;
}

function toPoint(r: Extract<GeocodingRow, { kind: 'address' }>): AddressPoint {
  const s = normaliseStreet(r.street);
  return { id: newId(), number: r.number, street: r.street, streetKey: s.key, streetBase: s.base, unit: r.unit, city: r.city, postcode: r.postcode, lat: r.lat, lon: r.lon };
}

function toIntersection(r: Extract<GeocodingRow, { kind: 'intersection' }>): StreetIntersection {
  const [a, b] = sortPair(normaliseStreet(r.streets[0]).base, normaliseStreet(r.streets[1]).base);
  return { id: newId(), name: `${r.streets[0]} & ${r.streets[1]}`, baseA: a, baseB: b, lat: r.lat, lon: r.lon };
}
