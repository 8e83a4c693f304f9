import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../testing/test-databases.ts';
import type { AddressPoint } from '../../../features/geocoding/geocoding.store.ts';
import { createKyselyGeocodingStore } from './kysely-geocoding-store.ts';

const point = (id: string, number: number, street = 'Gravois Ave', base = 'GRAVOIS'): AddressPoint => ({
  id, number, street, streetKey: `${base} AVE`, streetBase: base, unit: null, city: 'St. Louis', postcode: '63118', lat: 38.59 + number / 1e6, lon: -90.24,
});

describeEachDatabase('geocoding store contract', (use) => {
  it('inserts points and intersections in one go and finds numbers near a street base', async () => {
    const store = createKyselyGeocodingStore(use());
    const points = Array.from({ length: 300 }, (_, i) => point(`p${i}`, 3000 + 2 * i));
    await store.insert([...points, point('c1', 3500, 'Chippewa St', 'CHIPPEWA')], [{ id: 'x1', name: 'Gravois Ave & Chippewa St', baseA: 'CHIPPEWA', baseB: 'GRAVOIS', lat: 38.59, lon: -90.24 }]);
    const near = await store.findNear('GRAVOIS', 3500, 4);
    expect(near.map((p) => p.number)).toEqual([3496, 3498, 3500, 3502, 3504]);
    expect(near[2]).toEqual(point('p250', 3500));
    expect((await store.findIntersections('CHIPPEWA', 'GRAVOIS')).map((x) => x.name)).toEqual(['Gravois Ave & Chippewa St']);
    expect((await store.intersectionsOn('GRAVOIS', 5)).length).toBe(1);
    expect(await store.streets()).toEqual([{ base: 'CHIPPEWA', name: 'Chippewa St' }, { base: 'GRAVOIS', name: 'Gravois Ave' }]);
    expect(await store.counts()).toEqual({ addressPoints: 301, intersections: 1 });
  });

  it('inserts nothing when one row fails', async () => {
    const store = createKyselyGeocodingStore(use());
    await expect(store.insert([point('new', 1), point('p0', 2)], [])).rejects.toThrow();
    expect((await store.findNear('GRAVOIS', 1, 0))).toEqual([]);
  });
});
