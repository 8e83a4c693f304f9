/** Hexagon binning for hot-spot maps: pure, pointy-top hexagons in a local metric frame anchored to whole degrees (bins stay put as filters change). */
import type { LatLon } from '@camnet/core';

/** One hexagon: its centre, corner ring (GeoJSON [lon, lat], closed), how many points, and counts by type. */
export interface HexBin extends LatLon {
  id: string;
  count: number;
  types: Record<string, number>;
  ring: [number, number][];
}

const M_PER_DEG = (6_371_008.8 * Math.PI) / 180;
const SQRT3 = Math.sqrt(3);

/** Rounds fractional axial coordinates to the hexagon that contains them (cube rounding). */
function roundAxial(q: number, r: number): [number, number] {
  const s = -q - r;
  const rs = Math.round(s);
  let [rq, rr] = [Math.round(q), Math.round(r)];
  const [dq, dr, ds] = [Math.abs(rq - q), Math.abs(rr - r), Math.abs(rs - s)];
  if (dq > dr && dq > ds) rq = -rr - rs;
  else if (dr > ds) rr = -rq - rs;
  return [rq, rr];
}

/** Bins points into hexagons of `sizeM` (centre to corner); busiest first. */
export function hexBins(points: readonly (LatLon & { type?: string })[], sizeM: number): HexBin[] {
  if (points.length === 0) return [];
  const origin = { lat: Math.round(points[0]!.lat), lon: Math.round(points[0]!.lon) };
  const kx = M_PER_DEG * Math.cos((origin.lat * Math.PI) / 180);
  const toLatLon = (x: number, y: number): LatLon => ({ lat: origin.lat + y / M_PER_DEG, lon: origin.lon + x / kx });
  const bins = new Map<string, { q: number; r: number; count: number; types: Record<string, number> }>();
  for (const p of points) {
    const x = (p.lon - origin.lon) * kx;
    const y = (p.lat - origin.lat) * M_PER_DEG;
    const [q, r] = roundAxial(((SQRT3 / 3) * x - y / 3) / sizeM, ((2 / 3) * y) / sizeM);
    const key = `${q}:${r}`;
    const bin = bins.get(key) ?? { q, r, count: 0, types: {} };
    bin.count++;
    if (p.type) bin.types[p.type] = (bin.types[p.type] ?? 0) + 1;
    bins.set(key, bin);
  }
  return [...bins.entries()].map(([key, b]) => {
    const cx = sizeM * SQRT3 * (b.q + b.r / 2);
    const cy = sizeM * 1.5 * b.r;
    const ring = Array.from({ length: 7 }, (_, i): [number, number] => {
      const a = ((60 * (i % 6) - 30) * Math.PI) / 180;
      const c = toLatLon(cx + sizeM * Math.cos(a), cy + sizeM * Math.sin(a));
      return [c.lon, c.lat];
    });
    return { id: key, ...toLatLon(cx, cy), count: b.count, types: b.types, ring };
  }).sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

/** The bins as a GeoJSON FeatureCollection of polygons (properties: count, types, share of the busiest). */
export function hexBinsToGeoJson(bins: HexBin[]) {
  const max = bins.reduce((m, b) => Math.max(m, b.count), 0);
  return {
    type: 'FeatureCollection' as const,
    features: bins.map((b) => ({
      type: 'Feature' as const,
      id: b.id,
      geometry: { type: 'Polygon' as const, coordinates: [b.ring] },
      properties: { count: b.count, types: b.types, intensity: max ? Math.round((b.count / max) * 1000) / 1000 : 0, centre: [b.lon, b.lat] },
    })),
  };
}
