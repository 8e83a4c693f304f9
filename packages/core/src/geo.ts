/** WGS84 helpers. Distances in metres, bearings in degrees clockwise from north. */

const R = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

export interface LatLon {
  lat: number;
  lon: number;
}

/** Great-circle distance (haversine). */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b, 0..360. */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const y = Math.sin(rad(b.lon - a.lon)) * Math.cos(rad(b.lat));
  const x = Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) - Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lon - a.lon));
  return (deg(Math.atan2(y, x)) + 360) % 360;
}

/** Smallest absolute difference between two headings, 0..180. */
export function angleDiffDeg(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

/** The point `distance` metres from `from` along `bearing`. */
export function destination(from: LatLon, bearing: number, distance: number): LatLon {
  const d = distance / R;
  const b = rad(bearing);
  const lat1 = rad(from.lat);
  const lon1 = rad(from.lon);
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 = lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: deg(lat2), lon: ((deg(lon2) + 540) % 360) - 180 };
}

/** What a camera sees: a cone from its position along its heading. */
export interface ViewCone extends LatLon {
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
}

/** True when `p` lies inside the cone (within range and within half the field of view of the heading). */
export function coneContains(cone: ViewCone, p: LatLon): boolean {
  const d = distanceM(cone, p);
  if (d > cone.rangeM) return false;
  if (d < 1 || cone.fovDeg >= 360) return true;
  return angleDiffDeg(bearingDeg(cone, p), cone.headingDeg) <= cone.fovDeg / 2;
}

/** The cone as a closed GeoJSON ring ([lon, lat] pairs), for maps. */
export function coneRing(cone: ViewCone, steps = 8): [number, number][] {
  const ring: [number, number][] = [[cone.lon, cone.lat]];
  const start = cone.headingDeg - cone.fovDeg / 2;
  for (let i = 0; i <= steps; i++) {
    const p = destination(cone, start + (cone.fovDeg * i) / steps, cone.rangeM);
    ring.push([p.lon, p.lat]);
  }
  ring.push([cone.lon, cone.lat]);
  return ring;
}
