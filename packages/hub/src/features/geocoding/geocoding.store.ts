import type { LatLon } from '@camnet/core';

/** One address point (OpenAddresses row): house number on a street, with its normalised street key and base. */
export interface AddressPoint extends LatLon {
  id: string;
  number: number;
  street: string;
  streetKey: string;
  streetBase: string;
  unit: string | null;
  city: string | null;
  postcode: string | null;
}

/** Where two streets cross; `baseA` ≤ `baseB` (sorted) so either order finds it. */
export interface StreetIntersection extends LatLon {
  id: string;
  name: string;
  baseA: string;
  baseB: string;
}

/** Address points and intersections for the offline geocoder. Inserts are all-or-nothing. */
export interface GeocodingStore {
  insert(points: AddressPoint[], intersections: StreetIntersection[]): Promise<void>;
  /** Points on streets with this base whose number lies within ±`window` of `number`. */
  findNear(base: string, number: number, window: number): Promise<AddressPoint[]>;
  findIntersections(baseA: string, baseB: string): Promise<StreetIntersection[]>;
  /** Intersections on one street (either side). */
  intersectionsOn(base: string, limit: number): Promise<StreetIntersection[]>;
  /** Distinct street names known (base and a display name), from points and intersections. */
  streets(): Promise<{ base: string; name: string }[]>;
  counts(): Promise<{ addressPoints: number; intersections: number }>;
}
