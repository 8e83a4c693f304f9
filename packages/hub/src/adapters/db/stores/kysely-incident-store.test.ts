import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../testing/test-databases.ts';
import type { Incident, TimelineEntry } from '../../../features/incidents/incident.ts';
import { createKyselyIncidentStore } from './kysely-incident-store.ts';

const incident = (id: string, over: Partial<Incident> = {}): Incident => ({
  id, externalId: null, source: 'cad', type: 'Robbery', priority: 1, status: 'open', disposition: null, occurredAt: '2026-11-22T10:00:00.000Z',
  lat: 38.59, lon: -90.24, address: '3500 Gravois Ave', callerNotes: 'red pickup', createdBy: 'cad@pd', createdAt: '2026-11-22T10:00:01.000Z', updatedAt: '2026-11-22T10:00:01.000Z',
  cameras: [{ id: 'c1', name: 'Front', lat: 38.59, lon: -90.24, headingDeg: 0, fovDeg: 90, rangeM: 40, status: 'online', sharingMode: 'live', lastFrameAt: null, distanceM: 12.5, offAxisDeg: 3, covers: true, rank: 1, footage: null, clipId: null }],
  ...over,
});
const line = (id: string, incidentId: string, kind: TimelineEntry['kind'] = 'note'): TimelineEntry => ({ id, incidentId, at: '2026-11-22T10:00:02.000Z', kind, actor: 'op', text: `line ${id}`, data: kind === 'note' ? null : { x: 1 } });

describeEachDatabase('incident store contract', (use) => {
  it('stores an incident with its cameras and first timeline line; a repeated external id inserts nothing', async () => {
    const store = createKyselyIncidentStore(use());
    expect(await store.insert(incident('i1', { externalId: 'CAD-1' }), line('t1', 'i1', 'created'))).toBe(true);
    expect(await store.findById('i1')).toEqual(incident('i1', { externalId: 'CAD-1' }));
    expect(await store.insert(incident('i2', { externalId: 'CAD-1' }), line('t2', 'i2', 'created'))).toBe(false);
    expect(await store.findById('i2')).toBeNull();
    expect(await store.timeline('i2')).toEqual([]);
    expect((await store.findByExternalId('CAD-1'))?.id).toBe('i1');
  });

  it('lists newest first with a keyset cursor and filters, and gives hot-spot points', async () => {
    const store = createKyselyIncidentStore(use());
    for (let i = 0; i < 5; i++) await store.insert(incident(`k${i}`, { occurredAt: `2026-11-2${i}T10:00:00.000Z`, type: i % 2 ? 'Assault' : 'Robbery' }), line(`tk${i}`, `k${i}`, 'created'));
    const first = await store.list({}, { limit: 2 });
    expect(first.map((i) => i.id)).toEqual(['k4', 'k3']);
    const next = await store.list({}, { before: `${first[1]!.occurredAt}|${first[1]!.id}`, limit: 2 });
    expect(next.map((i) => i.id)).toEqual(['k2', 'i1']);
    expect((await store.list({ types: ['Assault'] }, { limit: 10 })).map((i) => i.id)).toEqual(['k3', 'k1']);
    expect((await store.points({ from: '2026-11-22T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' }, 10)).map((p) => p.occurredAt)).toEqual(['2026-11-23T10:00:00.000Z', '2026-11-22T10:00:00.000Z', '2026-11-22T10:00:00.000Z']);
  });

  it('updates status, disposition and cameras, and appends to the timeline in id order', async () => {
    const store = createKyselyIncidentStore(use());
    await store.update('i1', { status: 'closed', disposition: 'arrest', cameras: [], updatedAt: '2026-11-22T11:00:00.000Z' });
    expect(await store.findById('i1')).toMatchObject({ status: 'closed', disposition: 'arrest', cameras: [], updatedAt: '2026-11-22T11:00:00.000Z' });
    await store.addTimeline(line('t3', 'i1', 'status'));
    await store.addTimeline(line('t4', 'i1'));
    expect((await store.timeline('i1')).map((e) => [e.id, e.kind, e.data])).toEqual([['t1', 'created', { x: 1 }], ['t3', 'status', { x: 1 }], ['t4', 'note', null]]);
  });
});
