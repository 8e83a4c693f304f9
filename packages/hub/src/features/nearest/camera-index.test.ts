import { describe, expect, it } from 'vitest';
import { coneContains, createRandom, destination, distanceM, generateNetwork, type LatLon } from '@camnet/core';
import { createCameraIndex, type IndexedCamera } from './camera-index.ts';

const centre: LatLon = { lat: 38.59, lon: -90.24 };

/** A camera at `bearing`/`metres` from the centre, looking back at it unless told otherwise. */
const make = (id: string, bearing: number, metres: number, over: Partial<IndexedCamera> = {}): IndexedCamera => ({
  id,
  ...destination(centre, bearing, metres),
  headingDeg: (bearing + 180) % 360,
  fovDeg: 90,
  rangeM: 50,
  status: 'online',
  sharingMode: 'live',
  ...over,
});
const ids = (hits: { camera: IndexedCamera }[]) => hits.map((h) => h.camera.id);

describe('createCameraIndex.covering', () => {
  it('finds exactly the cameras whose cone contains the point (checked against brute force)', () => {
    const cameras = generateNetwork({ seed: 'idx', cameras: 3000 }).cameras.filter((c) => c.status !== 'pending_attestation');
    const index = createCameraIndex(cameras);
    const rnd = createRandom('pts');
    let nonEmpty = 0;
    for (let i = 0; i < 300; i++) {
      const c = rnd.pick(cameras);
      const p = destination(c, c.headingDeg + (rnd.next() - 0.5) * c.fovDeg, rnd.next() * c.rangeM * 1.2);
      const expected = cameras.filter((x) => coneContains(x, p)).map((x) => x.id).sort();
      const got = ids(index.covering(p, 1000));
      expect([...got].sort()).toEqual(expected);
      expect(index.covering(p, 3).length).toBe(Math.min(3, expected.length));
      if (got.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(200);
  });

  it('ranks online first, then by distance plus angle off axis plus sharing penalty', () => {
    const index = createCameraIndex([
      make('far', 0, 40),
      make('near', 90, 10),
      make('near-offline', 180, 5, { status: 'offline' }),
      make('near-off-axis', 270, 12, { headingDeg: 90 + 40 }),
      make('near-on-request', 45, 10, { sharingMode: 'on_request' }),
    ]);
    expect(ids(index.covering(centre))).toEqual(['near', 'near-on-request', 'near-off-axis', 'far', 'near-offline']);
    const [first] = index.covering(centre, 1);
    expect(first).toMatchObject({ covers: true, offAxisDeg: expect.closeTo(0, 3) });
    expect(first!.distanceM).toBeCloseTo(10, 0);
  });

  it('never offers disabled or unattested cameras, and finds a long-range camera far away', () => {
    const index = createCameraIndex([
      make('disabled', 0, 10, { status: 'disabled' }),
      make('unattested', 90, 10, { status: 'pending_attestation' }),
      make('pole', 180, 800, { rangeM: 900, fovDeg: 30 }),
    ]);
    expect(ids(index.covering(centre))).toEqual(['pole']);
  });
});

describe('createCameraIndex across the antimeridian', () => {
  it('falls back to a great-circle walk where a lat/lon box would wrap', () => {
    const cam: IndexedCamera = { id: 'fiji', lat: -17.8, lon: 179.9998, headingDeg: 90, fovDeg: 90, rangeM: 60, status: 'online', sharingMode: 'live' };
    const index = createCameraIndex([cam]);
    expect(ids(index.covering({ lat: -17.8, lon: -179.9998 }))).toEqual(['fiji']);
  });
});

describe('createCameraIndex.nearby', () => {
  it('lists cameras within the radius whose cone misses the point, nearest first', () => {
    const index = createCameraIndex([
      make('sees', 0, 20),
      make('back-turned', 90, 15, { headingDeg: 90 }),
      make('too-short', 180, 30, { rangeM: 10 }),
      make('outside-radius', 270, 60, { headingDeg: 270 }),
    ]);
    const hits = index.nearby(centre, 46);
    expect(ids(hits)).toEqual(['back-turned', 'too-short']);
    expect(hits.every((h) => !h.covers && h.distanceM <= 46)).toBe(true);
  });
});

describe('createCameraIndex updates', () => {
  it('applies upserts and removals at once, before and after a batch rebuild', () => {
    const index = createCameraIndex([make('a', 0, 10), make('b', 90, 10)], { batchSize: 3 });
    index.upsert(make('c', 180, 10));
    expect(ids(index.covering(centre)).sort()).toEqual(['a', 'b', 'c']);
    index.upsert(make('a', 0, 10, { headingDeg: 0 })); // a turns away
    expect(ids(index.covering(centre)).sort()).toEqual(['b', 'c']);
    index.remove('b'); // third change: the batch is folded into the trees
    expect(ids(index.covering(centre))).toEqual(['c']);
    expect(ids(index.nearby(centre, 30))).toEqual(['a']);
    index.remove('c');
    index.remove('missing');
    index.upsert(make('d', 10, 990, { rangeM: 1000 }));
    expect(ids(index.covering(centre))).toEqual(['d']);
    expect(index.size).toBe(2);
    index.flush();
    expect(ids(index.covering(centre))).toEqual(['d']);
    expect(distanceM(index.covering(centre)[0]!.camera, centre)).toBeCloseTo(990, -1);
  });
});
