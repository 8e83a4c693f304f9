import { generateNetwork } from '@camnet/core';
import type { GeocodingService } from './geocoding.service.ts';
import type { GeocodingRow } from './geocoding-interchange.ts';

/** Address rows for the demo network (same seed and size as the demo seed): every site's address and every intersection. */
export function demoAddressRows(opts: { seed?: string; cameras?: number } = {}): GeocodingRow[] {
  const net = generateNetwork({ seed: opts.seed ?? 'camnet-demo', cameras: opts.cameras ?? 300 });
  const rows: GeocodingRow[] = [];
  const seen = new Set<string>();
  for (const s of net.sites) {
    const [num, ...street] = s.address.split(' ');
    if (seen.has(s.address)) continue;
    seen.add(s.address);
    rows.push({ kind: 'address', line: rows.length + 1, lat: s.lat, lon: s.lon, number: Number(num), street: street.join(' '), unit: null, city: 'St. Louis', postcode: null });
  }
  for (const x of net.intersections) rows.push({ kind: 'intersection', line: rows.length + 1, lat: x.lat, lon: x.lon, streets: x.streets });
  return rows;
}

/** Loads the demo network's addresses and intersections so "Gravois & Chippewa" works in the demo. */
export async function seedDemoAddresses(geocoding: GeocodingService): Promise<void> {
  await geocoding.importRows({ rows: demoAddressRows(), errors: [] }, false);
}
