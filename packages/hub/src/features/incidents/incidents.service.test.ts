import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destination } from '@camnet/core';
import { createInProcessEventBus } from '../../adapters/bus/in-process-event-bus.ts';
import { createKyselyGeocodingStore } from '../../adapters/db/stores/kysely-geocoding-store.ts';
import { createKyselyIncidentStore } from '../../adapters/db/stores/kysely-incident-store.ts';
import { openTestDatabase } from '../../testing/test-databases.ts';
import { manualClock } from '../../testing/test-hub.ts';
import type { Camera } from '../cameras/camera.ts';
import type { CameraStore } from '../cameras/camera.store.ts';
import { createGeocodingService } from '../geocoding/geocoding.service.ts';
import { createNearestService } from '../nearest/nearest.service.ts';
import { RecordingClipRequester } from './clip-requester.ts';
import { createIncidentsService } from './incidents.service.ts';

const centre = { lat: 38.59, lon: -90.24 };
const camera = (id: string, bearing: number, metres: number, sharingMode: Camera['sharingMode']): Camera => ({
  id, siteId: 's', memberId: 'm', edgeId: null, name: id, ...destination(centre, bearing, metres), headingDeg: (bearing + 180) % 360, fovDeg: 90, rangeM: 60,
  mountType: 'wall', sharingMode, retentionDays: 30, maskMode: 'overlay', privacyMasks: [], streamUrlSealed: null, publicViewAttested: true,
  status: 'online', lastFrameAt: null, pictureCheck: null, createdAt: '', updatedAt: '',
});

/** A registry that only lists: the nearest service reads it once. */
const listOnly = (cameras: Camera[]): CameraStore => ({
  list: async (_f, page) => cameras.filter((c) => !page.afterId || c.id > page.afterId).slice(0, page.limit),
  findById: async (id) => cameras.find((c) => c.id === id) ?? null,
} as Partial<CameraStore> as CameraStore);

describe('incidents service: pre-roll clips where sharing allows, footage requests otherwise', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
  });
  afterAll(() => db.dispose());

  const build = (cameras: Camera[]) => {
    const bus = createInProcessEventBus();
    const clips = new RecordingClipRequester();
    const clock = manualClock('2026-11-22T10:00:00.000Z');
    const published: string[] = [];
    bus.subscribe('incident.created', (p) => void published.push(`created:${p.incidentId}`));
    const service = createIncidentsService({
      store: createKyselyIncidentStore(db), nearest: createNearestService({ cameras: listOnly(cameras), bus }),
      geocoding: createGeocodingService({ store: createKyselyGeocodingStore(db) }), clips, bus, clock: clock.now,
    });
    return { service, clips, published };
  };

  it('asks the two best live / alarm-only cameras for five minutes before the call to now', async () => {
    const { service, clips, published } = build([camera('live-10', 0, 10, 'live'), camera('alarm-20', 90, 20, 'alarm_only'), camera('live-40', 180, 40, 'live')]);
    const { incident } = await service.create('cad@pd', 'cad', { type: 'Robbery', priority: 1, lat: centre.lat, lon: centre.lon, occurredAt: '2026-11-22T09:59:00.000Z' });
    expect(clips.requests).toEqual([
      { cameraId: 'live-10', start: '2026-11-22T09:54:00.000Z', end: '2026-11-22T10:00:00.000Z', incidentId: incident.id, reason: expect.stringContaining('pre-roll') },
      { cameraId: 'alarm-20', start: '2026-11-22T09:54:00.000Z', end: '2026-11-22T10:00:00.000Z', incidentId: incident.id, reason: expect.stringContaining('pre-roll') },
    ]);
    expect(incident.cameras.map((c) => [c.id, c.footage, c.clipId])).toEqual([['live-10', 'clip_requested', 'clip-1'], ['alarm-20', 'clip_requested', 'clip-2'], ['live-40', null, null]]);
    expect(published).toEqual([`created:${incident.id}`]);
  });

  it('records a footage request for an on-request camera and never asks a camera that shares nothing', async () => {
    const { service, clips } = build([camera('ask-10', 0, 10, 'on_request'), camera('none-5', 90, 5, 'none')]);
    const { incident } = await service.create('op', 'dashboard', { type: 'Assault', priority: 2, lat: centre.lat, lon: centre.lon });
    expect(clips.requests).toEqual([]);
    expect(incident.cameras.map((c) => [c.id, c.footage])).toEqual([['ask-10', 'request_needed'], ['none-5', 'not_shared']]);
    const lines = await service.timeline(incident.id);
    expect(lines.map((l) => l.kind)).toEqual(['created', 'footage_request']);
    expect(lines[1]!.text).toContain('ask-10');
  });
});
