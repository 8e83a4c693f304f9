import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../testing/test-databases.ts';
import type { Camera } from '../../../features/cameras/camera.ts';
import { createKyselyCameraStore } from './kysely-camera-store.ts';
import { createKyselyMemberStore } from './kysely-member-store.ts';
import { createKyselySiteStore } from './kysely-site-store.ts';
import { createKyselyEdgeStore } from './kysely-edge-store.ts';

const now = '2026-11-22T10:00:00.000Z';
const camera = (id: string, over: Partial<Camera> = {}): Camera => ({
  id, siteId: 's1', memberId: 'm1', edgeId: null, name: `Camera ${id}`, lat: 38.6, lon: -90.2, headingDeg: 90, fovDeg: 70, rangeM: 35,
  mountType: 'wall', sharingMode: 'none', retentionDays: 30, maskMode: 'overlay', privacyMasks: [[[0, 0], [0.5, 0], [0.5, 0.5]]],
  streamUrlSealed: null, publicViewAttested: false, status: 'pending_attestation', lastFrameAt: null, createdAt: now, updatedAt: now, ...over,
});

describeEachDatabase('registry stores contract', (use) => {
  it('stores sites and cameras with every field intact', async () => {
    await createKyselyMemberStore(use()).insert({ id: 'm1', name: 'Shop', kind: 'business', contactEmail: 'a@b.c', createdAt: now, updatedAt: now });
    await createKyselySiteStore(use()).insert({ id: 's1', memberId: 'm1', name: 'Shop front', address: '3500 Gravois Ave', lat: 38.6, lon: -90.2, createdAt: now, updatedAt: now });
    const cameras = createKyselyCameraStore(use());
    await cameras.insert(camera('c1', { streamUrlSealed: 'v1.x.y.z', publicViewAttested: true, status: 'offline' }));
    expect(await cameras.findById('c1')).toEqual(camera('c1', { streamUrlSealed: 'v1.x.y.z', publicViewAttested: true, status: 'offline' }));
  });

  it('inserts many in one transaction, or none when one row fails', async () => {
    const cameras = createKyselyCameraStore(use());
    await expect(cameras.insertMany([camera('c2'), camera('c3', { siteId: 'no-such-site' })])).rejects.toThrow();
    expect(await cameras.findById('c2')).toBeNull();
    await cameras.insertMany(Array.from({ length: 450 }, (_, i) => camera(`k${String(i).padStart(3, '0')}`)));
    expect((await cameras.mapRows({})).length).toBe(451);
  });

  it('filters, pages, updates and deletes', async () => {
    const cameras = createKyselyCameraStore(use());
    await cameras.update('k001', { sharingMode: 'live', publicViewAttested: true, status: 'online', privacyMasks: [] });
    expect(await cameras.findById('k001')).toMatchObject({ sharingMode: 'live', publicViewAttested: true, status: 'online', privacyMasks: [] });
    expect((await cameras.list({ status: 'online' }, { limit: 10 })).map((c) => c.id)).toEqual(['k001']);
    const page = await cameras.list({ memberId: 'm1' }, { afterId: 'k100', limit: 2 });
    expect(page.map((c) => c.id)).toEqual(['k101', 'k102']);
    await cameras.delete('k001');
    expect(await cameras.findById('k001')).toBeNull();
  });

  it('refuses to delete a site that still has cameras or edges', async () => {
    const sites = createKyselySiteStore(use());
    expect(await sites.delete('s1')).toBe(false);
    await sites.insert({ id: 's2', memberId: 'm1', name: 'Home', address: '1 Main St', lat: 1, lon: 2, createdAt: now, updatedAt: now });
    await createKyselyEdgeStore(use()).insert({ id: 'e1', siteId: 's2', embedded: false, name: 'box', enrolmentHash: 'h', credentialHash: null, status: 'pending', version: null, lastSeenAt: null, diskUsedBytes: null, clockOffsetMs: null, createdAt: now });
    expect(await sites.delete('s2')).toBe(false);
    await sites.insert({ id: 's3', memberId: 'm1', name: 'Empty', address: '2 Main St', lat: 1, lon: 2, createdAt: now, updatedAt: now });
    expect(await sites.delete('s3')).toBe(true);
    expect(await sites.findById('s3')).toBeNull();
  });

  it('finds edges by hashes and lists stale ones', async () => {
    const edges = createKyselyEdgeStore(use());
    expect((await edges.findByEnrolmentHash('h'))?.id).toBe('e1');
    await edges.update('e1', { enrolmentHash: null, credentialHash: 'c', status: 'online', lastSeenAt: '2026-11-22T09:00:00.000Z', diskUsedBytes: 5_000_000_000, clockOffsetMs: -12.5 });
    expect(await edges.findByCredentialHash('c')).toMatchObject({ id: 'e1', diskUsedBytes: 5_000_000_000, clockOffsetMs: -12.5 });
    expect((await edges.listStale('2026-11-22T09:30:00.000Z')).map((e) => e.id)).toEqual(['e1']);
    expect(await edges.listStale('2026-11-22T08:30:00.000Z')).toEqual([]);
  });
});
