import { expect, it } from 'vitest';
import { planPlateQuery } from '@camnet/core';
import type { VehicleEvent } from '@camnet/core';
import { describeEachDatabase } from '../../../testing/test-databases.ts';
import type { VehicleEventQuery } from '../../../features/vehicle-events/vehicle-event.store.ts';
import { createKyselyVehicleEventStore } from './kysely-vehicle-event-store.ts';

const T0 = Date.parse('2026-11-21T12:00:00.000Z');
const H = 3600_000;

/** A vehicle event builder: `make({ colour: 'red' })`. */
function make(over: Partial<VehicleEvent> & { at?: number } = {}): VehicleEvent {
  const { at = T0, ...rest } = over;
  return {
    localId: `l-${Math.random().toString(36).slice(2)}`, cameraId: 'cam-a', startedAt: new Date(at).toISOString(), endedAt: new Date(at + 2000).toISOString(),
    type: 'car', colour: 'white', colourConfidence: 0.9, colourAlt: null, plate: null, direction: 90, box: [1, 2, 30, 20], source: 'edge', ...rest,
  };
}
const plate = (text: string, confidence = 0.9) => ({ text, confidence, chars: [...text].map((c) => ({ c, confidence })), alternates: [] });
const day = (from = T0 - 12 * H, to = T0 + 12 * H): VehicleEventQuery => ({ fromMs: from, toMs: to });
const page = { sort: 'time_desc' as const, limit: 50 };

describeEachDatabase('vehicle event store contract', (use) => {
  const store = () => createKyselyVehicleEventStore(use());

  it('stores each (edge, localId) once: a retried batch is all duplicates, and every field round-trips', async () => {
    const s = store();
    const batch = [
      make({ localId: 'e1', plate: plate('ABC1234'), colour: 'red', type: 'pickup', thumbnailJpegBase64: 'aGk=' }),
      make({ localId: 'e2', at: T0 + 1000 }),
    ];
    expect(await s.ingest('edge-1', batch, T0 + 5000)).toEqual({ accepted: 2, duplicates: 0 });
    expect(await s.ingest('edge-1', batch, T0 + 9000)).toEqual({ accepted: 0, duplicates: 2 });
    expect(await s.ingest('edge-2', [make({ localId: 'e1' })], T0)).toEqual({ accepted: 1, duplicates: 0 });
    const { hits } = await s.search({ ...day(), colours: ['red'] }, page);
    expect(hits).toHaveLength(1);
    const { thumbnailJpegBase64: _t, plateCropJpegBase64: _p, ...sent } = batch[0]!;
    expect(hits[0]!.event).toMatchObject({ ...sent, edgeId: 'edge-1', receivedAt: new Date(T0 + 5000).toISOString() });
    expect(await s.findById(hits[0]!.event.id)).toMatchObject({ localId: 'e1', hasThumbnail: true });
    expect(await s.thumbnail(hits[0]!.event.id)).toBe('aGk=');
  });

  it('keeps distinct events that start in the same millisecond (slot probing) and dedupes their retries', async () => {
    const s = store();
    const same = Array.from({ length: 30 }, (_, i) => make({ localId: `same-${i}`, at: T0 + 7 * H, cameraId: 'cam-z' }));
    expect(await s.ingest('edge-1', same, T0)).toEqual({ accepted: 30, duplicates: 0 });
    expect(await s.ingest('edge-1', [...same, same[0]!], T0)).toEqual({ accepted: 0, duplicates: 31 });
    expect((await s.count({ ...day(T0 + 7 * H, T0 + 7 * H + 1), cameraIds: ['cam-z'] }, 100)).count).toBe(30);
  });

  it('commits batches from many edges arriving at once together, each answered with its own counts', async () => {
    const s = store();
    const at = T0 + 50 * H; // outside the other tests' windows
    const batches = Array.from({ length: 12 }, (_, b) => Array.from({ length: 40 }, (_, i) =>
      make({ localId: `g-${i}`, at: at + (i % 5), cameraId: `cam-g${b % 3}`, plate: i % 2 ? plate(`G${b}X${i}`) : null })));
    // Edge 0's batch is sent twice at once (a retry racing its original) and edge 1's carries a repeated event.
    const sends = [
      ...batches.map((events, b) => s.ingest(`edge-g${b}`, b === 1 ? [...events, events[3]!] : events, T0)),
      s.ingest('edge-g0', batches[0]!, T0),
    ];
    const results = await Promise.all(sends);
    expect(results.slice(2, 12)).toEqual(Array(10).fill({ accepted: 40, duplicates: 0 }));
    expect(results[1]).toEqual({ accepted: 40, duplicates: 1 });
    expect([results[0], results[12]]).toEqual([{ accepted: 40, duplicates: 0 }, { accepted: 0, duplicates: 40 }]);
    expect((await s.count({ ...day(at, at + 10) }, 10_000)).count).toBe(12 * 40);
    const q = { ...day(at, at + 10), plate: planPlateQuery('G7X13', { fuzzy: false, scope: { fromMs: at, toMs: at + 10 } }) };
    expect((await s.search(q, page)).hits.map((h) => h.event.edgeId)).toEqual(['edge-g7']);
  });

  it('filters by time, colour, type, camera, direction, confidence and source, and pages by keyset', async () => {
    const s = store();
    const events = Array.from({ length: 25 }, (_, i) => make({
      localId: `f-${i}`, at: T0 - 24 * H - 1000 * i, cameraId: i % 2 ? 'cam-b' : 'cam-c', colour: i % 3 ? 'blue' : 'gray',
      type: i % 5 ? 'suv' : 'van', direction: (i * 40) % 360, colourConfidence: i % 4 ? 0.8 : 0.3, source: i === 7 ? 'import' : 'edge',
    }));
    await s.ingest('edge-3', events, T0);
    const q: VehicleEventQuery = { fromMs: T0 - 36 * H, toMs: T0 - 12 * H, colours: ['blue'], types: ['suv'] };
    const all = (await s.search(q, { ...page, limit: 100 })).hits.map((h) => h.event.localId);
    const want = events.filter((e, i) => e.colour === 'blue' && e.type === 'suv' && i >= 0).map((e) => e.localId);
    expect(all.sort()).toEqual(want.sort());
    const p1 = await s.search(q, { sort: 'time_asc', limit: 5 });
    const p2 = await s.search(q, { sort: 'time_asc', limit: 5, after: p1.nextCursor! });
    expect([...p1.hits, ...p2.hits].map((h) => Date.parse(h.event.startedAt))).toEqual([...p1.hits, ...p2.hits].map((h) => Date.parse(h.event.startedAt)).sort());
    expect(new Set([...p1.hits, ...p2.hits].map((h) => h.event.id)).size).toBe(10);
    expect((await s.search({ ...q, cameraIds: ['cam-b'] }, page)).hits.every((h) => h.event.cameraId === 'cam-b')).toBe(true);
    expect((await s.search({ ...q, direction: { from: 350, to: 50 } }, page)).hits.every((h) => h.event.direction! >= 350 || h.event.direction! <= 50)).toBe(true);
    expect((await s.search({ ...q, minConfidence: 0.5 }, page)).hits.every((h) => h.event.colourConfidence >= 0.5)).toBe(true);
    expect((await s.search({ fromMs: q.fromMs, toMs: q.toMs, sources: ['import'] }, page)).hits.map((h) => h.event.localId)).toEqual(['f-7']);
    expect((await s.search({ ...q, cameraIds: ['no-such-camera'] }, page)).hits).toEqual([]);
    const facets = await s.facets({ fromMs: q.fromMs, toMs: q.toMs, cameraIds: ['cam-b', 'cam-c'] });
    expect(facets.total).toBe(25);
    expect(facets.camera).toEqual({ 'cam-b': 12, 'cam-c': 13 });
    expect(facets.colour.gray! + facets.colour.blue!).toBe(25);
    // One colour and one type: the same counts as filtering the events by hand, by camera and UTC hour of day.
    const blueSuv = events.filter((e) => e.colour === 'blue' && e.type === 'suv');
    const byHour: Record<string, number> = {};
    for (const e of blueSuv) byHour[String(new Date(e.startedAt).getUTCHours())] = (byHour[String(new Date(e.startedAt).getUTCHours())] ?? 0) + 1;
    expect(await s.facets(q)).toEqual({
      total: blueSuv.length, colour: { blue: blueSuv.length }, type: { suv: blueSuv.length }, hour: byHour,
      camera: { 'cam-b': blueSuv.filter((e) => e.cameraId === 'cam-b').length, 'cam-c': blueSuv.filter((e) => e.cameraId === 'cam-c').length },
    });
    expect(await s.count({ fromMs: q.fromMs, toMs: q.toMs, cameraIds: ['cam-b', 'cam-c'] }, 10)).toEqual({ count: 10, capped: true });
  });

  it('finds plates exactly, by confusion-aware fuzzy match with a quality per hit, and by wildcard', async () => {
    const s = store();
    const reads = ['KXR4821', 'KXR482I', 'KXR821', 'KXR48821', 'KXRA821', 'MZT7710'];
    await s.ingest('edge-4', reads.map((t, i) => make({ localId: `p-${i}`, at: T0 + 2 * H + i * 1000, cameraId: 'cam-p', plate: plate(t) })), T0);
    const scope = { fromMs: T0, toMs: T0 + 30 * 24 * H };
    const run = async (text: string, fuzzy = false, sort: 'time_desc' | 'quality' = 'time_desc') =>
      (await s.search({ ...scope, plate: planPlateQuery(text, { fuzzy, scope }) }, { sort, limit: 50 })).hits.map((h) => [h.event.plate!.text, h.plateMatch!.quality]);
    expect(await run('KXR4821')).toEqual([['KXR4821', 'exact']]);
    expect(await run('KXR4821', true, 'quality')).toEqual([['KXR4821', 'exact'], ['KXR482I', 'confusion'], ['KXR48821', 'one_edit'], ['KXR821', 'one_edit']]);
    expect(await run('KXR?821', false, 'quality')).toEqual([['KXRA821', 'exact'], ['KXR4821', 'exact'], ['KXR482I', 'confusion']]);
    expect((await run('KX*21')).map(([t]) => t).sort()).toEqual(['KXR4821', 'KXR482I', 'KXR48821', 'KXR821', 'KXRA821']);
    expect((await run('*7710')).map(([t]) => t)).toEqual(['MZT7710']);
    const narrow = { fromMs: T0, toMs: T0 + 12 * H };
    expect((await s.search({ ...narrow, plate: planPlateQuery('*21', { scope: narrow }) }, page)).hits).toHaveLength(5);
  });

  it('retention removes whole days before the cut and keeps the rest', async () => {
    const s = store();
    await s.ingest('edge-r', [make({ localId: 'old', at: T0 - 40 * 24 * H, plate: plate('OLD1234') }), make({ localId: 'new', at: T0 - 10 * 24 * H })], T0);
    expect(await s.deleteBefore(T0 - 30 * 24 * H)).toBe(1);
    const left = await s.search({ fromMs: T0 - 50 * 24 * H, toMs: T0 - 5 * 24 * H }, page);
    expect(left.hits.map((h) => h.event.localId)).toEqual(['new']);
    const scope = { fromMs: T0 - 50 * 24 * H, toMs: T0 };
    expect((await s.search({ ...scope, plate: planPlateQuery('OLD1234', { scope }) }, page)).hits).toEqual([]);
    expect(await s.ingest('edge-r', [make({ localId: 'late', at: T0 - 40 * 24 * H })], T0)).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('refuses a short plate pattern without a narrow time or place', () => {
    expect(() => planPlateQuery('K*1', { scope: { fromMs: T0, toMs: T0 + 7 * 24 * H } })).toThrow(expect.objectContaining({ id: 'plate_pattern_too_broad' }));
  });
});
