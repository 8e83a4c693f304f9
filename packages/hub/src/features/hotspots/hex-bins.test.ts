import { describe, expect, it } from 'vitest';
import { destination, distanceM } from '@camnet/core';
import { hexBins, hexBinsToGeoJson } from './hex-bins.ts';

const centre = { lat: 38.59, lon: -90.24 };

describe('hexBins', () => {
  it('puts nearby points in one hexagon and far ones in another, busiest first, with types', () => {
    const pts = [
      ...[0, 90, 180, 270].map((b) => ({ ...destination(centre, b, 10), type: 'Robbery' })),
      { ...destination(centre, 45, 5), type: 'Assault' },
      { ...destination(centre, 0, 2000), type: 'Robbery' },
    ];
    const bins = hexBins(pts, 100);
    expect(bins.map((b) => b.count)).toEqual([5, 1]);
    expect(bins[0]!.types).toEqual({ Robbery: 4, Assault: 1 });
    expect(distanceM(bins[0]!, centre)).toBeLessThan(100);
  });

  it('draws closed hexagons of the requested size that contain their points', () => {
    const [bin] = hexBins([centre], 150);
    expect(bin!.ring).toHaveLength(7);
    expect(bin!.ring[0]).toEqual(bin!.ring[6]);
    for (const [lon, lat] of bin!.ring.slice(0, 6)) expect(distanceM({ lat, lon }, bin!)).toBeCloseTo(150, -1);
    const geo = hexBinsToGeoJson(hexBins([centre, centre], 150));
    expect(geo.features[0]).toMatchObject({ geometry: { type: 'Polygon' }, properties: { count: 2, intensity: 1 } });
  });

  it('keeps bins in place when the point set changes (anchored grid)', () => {
    const a = hexBins([centre, destination(centre, 0, 3000)], 100).find((b) => b.count === 1 && distanceM(b, centre) < 100)!;
    const b = hexBins([destination(centre, 180, 5000), centre], 100).find((x) => distanceM(x, centre) < 100)!;
    expect(a.id).toBe(b.id);
  });
});
