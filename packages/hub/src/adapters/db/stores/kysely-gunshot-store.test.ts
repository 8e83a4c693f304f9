import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../testing/test-databases.ts';
import { createKyselyGunshotStore } from './kysely-gunshot-store.ts';
import { createKyselyIncidentStore } from './kysely-incident-store.ts';

describeEachDatabase('gunshot store contract', (use) => {
  it('stores sensors and shots tied to an incident', async () => {
    const store = createKyselyGunshotStore(use());
    const s = { id: 's1', name: 'Roof 1', lat: 38.59, lon: -90.24, clockSigmaMs: 0.5, createdAt: '2026-11-22T10:00:00.000Z', updatedAt: '2026-11-22T10:00:00.000Z' };
    await store.insertSensor(s);
    await store.insertSensor({ ...s, id: 's2', name: 'Pole 2' });
    expect(await store.listSensors()).toEqual([{ ...s, id: 's2', name: 'Pole 2' }, s]);
    expect((await store.findSensors(['s1', 'nope'])).map((x) => x.id)).toEqual(['s1']);
    expect(await store.deleteSensor('s2')).toBe(true);
    expect(await store.deleteSensor('s2')).toBe(false);
    await createKyselyIncidentStore(use()).insert({
      id: 'i1', externalId: null, source: 'gunshot', type: 'Shots fired', priority: 1, status: 'open', disposition: null, occurredAt: '2026-11-22T10:00:00.000Z',
      lat: 38.59, lon: -90.24, address: null, callerNotes: null, cameras: [], createdBy: 'x', createdAt: '2026-11-22T10:00:00.000Z', updatedAt: '2026-11-22T10:00:00.000Z',
    }, { id: 't1', incidentId: 'i1', at: '2026-11-22T10:00:00.000Z', kind: 'created', actor: 'x', text: 'x', data: null });
    const shot = { id: 'g1', incidentId: 'i1', source: 'acoustic' as const, lat: 38.5901, lon: -90.2401, uncertaintyM: 4.2, emittedAt: '2026-11-22T09:59:59.123Z', sensors: 5, details: { residualRmsMs: 0.8 }, createdAt: '2026-11-22T10:00:00.000Z' };
    await store.insertShot(shot);
    await store.insertShot({ ...shot, id: 'g2', source: 'vendor', uncertaintyM: null, sensors: 0, createdAt: '2026-11-22T10:01:00.000Z' });
    expect(await store.listShots(10)).toEqual([{ ...shot, id: 'g2', source: 'vendor', uncertaintyM: null, sensors: 0, createdAt: '2026-11-22T10:01:00.000Z' }, shot]);
  });
});
