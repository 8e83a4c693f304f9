import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../testing/test-databases.ts';
import type { Bolo } from '../../../features/bolos/bolo.ts';
import { createKyselyBoloStore } from './kysely-bolo-store.ts';

const bolo = (id: string, createdAt: string, over: Partial<Bolo> = {}): Bolo => ({
  id, incidentId: null, eventId: 'ev-1', title: 'Silver sedan', plate: 'ABC1234', vehicle: { colour: 'silver', make: 'Honda' }, description: 'two occupants',
  images: ['data:image/jpeg;base64,AAAA'], lastSeenAt: '2026-11-22T09:55:00.000Z', lastSeenPlace: 'Gravois & Chippewa', lat: 38.59, lon: -90.24, sentBy: 'op@pd', createdAt, ...over,
});

describeEachDatabase('BOLO store contract', (use) => {
  it('stores BOLOs intact and lists them newest first with a cursor', async () => {
    const store = createKyselyBoloStore(use());
    await store.insert(bolo('b1', '2026-11-22T10:00:00.000Z'));
    await store.insert(bolo('b2', '2026-11-22T10:01:00.000Z', { lat: null, lon: null, plate: null }));
    await store.insert(bolo('b3', '2026-11-22T10:02:00.000Z'));
    expect(await store.findById('b1')).toEqual(bolo('b1', '2026-11-22T10:00:00.000Z'));
    expect(await store.findById('b2')).toMatchObject({ lat: null, plate: null });
    expect((await store.list({ limit: 2 })).map((b) => b.id)).toEqual(['b3', 'b2']);
    expect((await store.list({ before: '2026-11-22T10:01:00.000Z|b2', limit: 5 })).map((b) => b.id)).toEqual(['b1']);
  });

  it('records an acknowledgement once per user', async () => {
    const store = createKyselyBoloStore(use());
    const ack = { boloId: 'b1', userId: 'u1', userEmail: 'car12@pd', at: '2026-11-22T10:03:00.000Z', note: null };
    expect(await store.addAck(ack)).toBe(true);
    expect(await store.addAck({ ...ack, at: '2026-11-22T10:04:00.000Z' })).toBe(false);
    expect(await store.acksFor(['b1', 'b2'])).toEqual([ack]);
    expect(await store.acksFor([])).toEqual([]);
  });
});
