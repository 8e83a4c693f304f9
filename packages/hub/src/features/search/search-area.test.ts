import { expect, it } from 'vitest';
import { destination } from '@camnet/core';
import { createKyselyCameraStore } from '../../adapters/db/stores/kysely-camera-store.ts';
import { createKyselyMemberStore } from '../../adapters/db/stores/kysely-member-store.ts';
import { createKyselySiteStore } from '../../adapters/db/stores/kysely-site-store.ts';
import { createKyselyVehicleEventStore } from '../../adapters/db/stores/kysely-vehicle-event-store.ts';
import { describeEachDatabase } from '../../testing/test-databases.ts';
import { manualClock } from '../../testing/test-hub.ts';
import type { Camera } from '../cameras/camera.ts';
import type { CameraArea } from '../cameras/camera.store.ts';
import { createVehicleEventsService } from '../vehicle-events/vehicle-events.service.ts';
import { createRegistryPlaceDirectory } from './registry-places.ts';
import { createSearchService } from './search.service.ts';

const now = '2026-11-22T10:00:00.000Z';
const centre = { lat: 38.59, lon: -90.24 };
const camera = (i: number): Camera => ({
  id: `c${String(i).padStart(3, '0')}`, siteId: 's1', memberId: 'm1', edgeId: null, name: `Camera ${i}`,
  // A golden-angle spiral out to 2.4 km: cameras at every bearing and distance round the centre.
  ...destination(centre, (i * 137.508) % 360, 8 * i), headingDeg: 0, fovDeg: 70, rangeM: 35, mountType: 'wall', sharingMode: 'none',
  retentionDays: 30, maskMode: 'overlay', privacyMasks: [], streamUrlSealed: null, publicViewAttested: false, status: 'online',
  lastFrameAt: null, pictureCheck: null, createdAt: now, updatedAt: now,
});
const PLACES = {
  'drawn area': { polygon: [[-90.255, 38.58], [-90.225, 38.58], [-90.225, 38.60], [-90.24, 38.59], [-90.255, 38.60]] },
  'radius': { near: { lat: 38.595, lon: -90.235, radiusM: 900 } },
  'address and radius': { address: '3500 Gravois Ave', radiusM: 700 },
  'cameras in a drawn area': { cameraIds: ['c001', 'c002', 'c050', 'c100', 'c299'], polygon: [[-90.26, 38.57], [-90.22, 38.57], [-90.24, 38.61]] },
};

describeEachDatabase('search place filters', (use) => {
  it('finds the same hits whether the database or the in-memory filter resolves the place', async () => {
    const clock = manualClock(now);
    const [cameras, sites, events] = [createKyselyCameraStore(use()), createKyselySiteStore(use()), createKyselyVehicleEventStore(use())];
    await createKyselyMemberStore(use()).insert({ id: 'm1', name: 'Shop', kind: 'business', contactEmail: 'a@b.c', createdAt: now, updatedAt: now });
    await sites.insert({ id: 's1', memberId: 'm1', name: 'Shop', address: '3500 Gravois Ave', lat: 38.5912, lon: -90.2431, createdAt: now, updatedAt: now });
    const all = Array.from({ length: 300 }, (_, i) => camera(i));
    await cameras.insertMany(all);
    await createVehicleEventsService({ store: events, clock: clock.now }).ingestBatch('edge-1', all.map((c, i) => ({
      localId: `ev-${i}`, cameraId: c.id, startedAt: new Date(Date.parse(now) - (i + 1) * 60_000).toISOString(), endedAt: new Date(Date.parse(now) - i * 60_000).toISOString(),
      type: 'car', colour: 'white', colourConfidence: 0.9, colourAlt: null, plate: null, direction: 90, box: [0, 0, 100, 60], source: 'edge',
    })));

    const registry = createRegistryPlaceDirectory({ cameras, sites });
    const answered: (string[] | null)[] = [];
    const database = createSearchService({
      events, offenceCategories: [], clock: clock.now,
      places: { ...registry, camerasInArea: async (area: CameraArea) => { const ids = await registry.camerasInArea!(area); answered.push(ids); return ids; } },
    });
    const inMemory = createSearchService({ events, offenceCategories: [], clock: clock.now, places: { cameras: registry.cameras, addresses: registry.addresses } });
    for (const [name, place] of Object.entries(PLACES)) {
      const req = database.parseRequest({ filters: { time: { last: '24h' }, place }, limit: 500 });
      const [viaDatabase, viaMemory] = [await database.search(req), await inMemory.search(req)];
      expect(viaMemory.items.length, name).toBeGreaterThan(2);
      expect(viaMemory.items.length, name).toBeLessThan(all.length);
      expect(viaDatabase.items.map((h) => h.id), name).toEqual(viaMemory.items.map((h) => h.id));
      expect(viaDatabase.resolved, name).toEqual(viaMemory.resolved);
    }
    // On PostgreSQL with PostGIS (CI) the first path really was the database's; on SQLite it never is.
    const postgis = use().dialect === 'postgres' && (process.env.CAMNET_REQUIRE_PG === '1' || answered.some((ids) => ids !== null));
    expect(answered.every((ids) => (ids !== null) === postgis)).toBe(true);
  });
});
