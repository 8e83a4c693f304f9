import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { planPlateQuery } from '@camnet/core';
import type { VehicleEvent } from '@camnet/core';
import { openTestDatabase } from '../../../testing/test-databases.ts';
import { createKyselyVehicleEventStore } from './kysely-vehicle-event-store.ts';
import { mergeStep, plateRunStats } from './kysely-vehicle-event-store-plate-runs.ts';
import type { PlateRunSettings } from './kysely-vehicle-event-store-plate-runs.ts';

const T0 = Date.parse('2026-11-21T12:00:00.000Z');
const MIN = 60_000;
/** Tiny runs, so a few hundred events exercise sealing and two levels of merging. */
const SMALL: PlateRunSettings = { sealRows: 10, fanIn: 2, stepRows: 7, workPerRow: 3, idleDelayMs: 20 };

const plateOf = (i: number) => `RUN${String(i % 25).padStart(3, '0')}`;
function event(i: number): VehicleEvent {
  const at = T0 + i * MIN;
  return {
    localId: `r-${i}`, cameraId: `cam-${i % 3}`, startedAt: new Date(at).toISOString(), endedAt: new Date(at + 2000).toISOString(), type: 'car',
    colour: 'blue', colourConfidence: 0.8, colourAlt: null, direction: 90, box: [1, 2, 3, 4], source: 'edge',
    plate: i % 4 === 3 ? null : { text: plateOf(i), confidence: 0.9, chars: [...plateOf(i)].map((c) => ({ c, confidence: 0.9 })), alternates: [] },
  };
}

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => { await dispose?.(); dispose = null; });

async function setUp(settings: PlateRunSettings = SMALL) {
  const database = await openTestDatabase('sqlite');
  dispose = database.dispose;
  return { database, store: createKyselyVehicleEventStore(database, { plateRuns: settings }) };
}

async function plateRows(database: Awaited<ReturnType<typeof setUp>>['database']) {
  return (await sql<{ run: number; plate_key: string; id: number }>`select run, plate_key, id from vehicle_event_plates`.execute(database.db)).rows;
}

it('seals full runs and merges them level by level, keeping every plate row exactly once', async () => {
  const { database, store } = await setUp();
  const events = Array.from({ length: 400 }, (_, i) => event(i));
  for (let i = 0; i < events.length; i += 20) await store.ingest('edge-1', events.slice(i, i + 20), T0);
  while ((await mergeStep(database.db as never, SMALL)) !== null);

  const rows = await plateRows(database);
  expect(rows).toHaveLength(300);
  expect(new Set(rows.map((r) => r.id)).size).toBe(300);
  const stats = await plateRunStats(database.db as never);
  expect(stats.rows).toBe(300);
  expect(stats.merging).toBe(false);
  // 300 rows in runs of ~20 merged pairwise: few runs are left, and some reached level 2 or more.
  expect(stats.runs).toBeLessThan(10);
  expect(Math.max(...Object.keys(stats.levels).map(Number))).toBeGreaterThanOrEqual(2);
  // Every sealed run is one sorted key range: its rows' recorded count matches.
  const byRun = new Map<number, number>();
  for (const r of rows) byRun.set(r.run, (byRun.get(r.run) ?? 0) + 1);
  const meta = (await sql<{ run: number; rows: number }>`select run, rows from vehicle_event_plate_runs`.execute(database.db)).rows;
  expect(Object.fromEntries(meta.filter((m) => m.rows > 0).map((m) => [m.run, m.rows]))).toEqual(Object.fromEntries(byRun));
});

it('answers exact, fuzzy and wildcard plate searches across runs, also while a merge is half done', async () => {
  // Ingest does no merging here, so the test decides where a merge stops.
  const { database, store } = await setUp({ ...SMALL, workPerRow: 0, idleDelayMs: null });
  const events = Array.from({ length: 200 }, (_, i) => event(i));
  for (let i = 0; i < events.length; i += 10) await store.ingest('edge-1', events.slice(i, i + 10), T0);
  const scope = { fromMs: T0 - MIN, toMs: T0 + 300 * MIN };
  const expected = events.filter((e) => e.plate?.text === 'RUN007').map((e) => e.localId).sort();
  const found = async (text: string, fuzzy = false) => {
    const { hits } = await store.search({ ...scope, plate: planPlateQuery(text, { fuzzy, scope: { fromMs: scope.fromMs, toMs: scope.toMs } }) }, { sort: 'time_asc', limit: 1000 });
    return hits.map((h) => h.event.localId).sort();
  };
  // Stop in the middle of a merge: one step moves only some rows from the sources to the target.
  expect(await mergeStep(database.db as never, { ...SMALL, stepRows: 3 })).toBe(3);
  expect((await plateRunStats(database.db as never)).merging).toBe(true);
  expect(await found('RUN007')).toEqual(expected);
  expect(await found('RUNO07', true)).toEqual(expected); // O for 0: a confusion
  expect((await found('RUN00*')).length).toBe(events.filter((e) => e.plate?.text.startsWith('RUN00')).length);
  // A time range that ends before most runs begin reads only the runs that meet it.
  const early = await store.search({ fromMs: T0 - MIN, toMs: T0 + 40 * MIN, plate: planPlateQuery('RUN007', { scope: {} }) }, { sort: 'time_asc', limit: 100 });
  expect(early.hits.map((h) => h.event.localId)).toEqual(['r-32']); // r-7 carries no plate
});

it('retention drops runs wholly before the cut and trims the one that straddles it', async () => {
  const { database, store } = await setUp();
  const events = Array.from({ length: 120 }, (_, i) => event(i));
  for (let i = 0; i < events.length; i += 10) await store.ingest('edge-1', events.slice(i, i + 10), T0);
  const cut = T0 + 55 * MIN;
  await store.deleteBefore(cut);
  const rows = await plateRows(database);
  expect(rows).toHaveLength(events.filter((e, i) => e.plate && T0 + i * MIN >= cut).length);
  expect(rows.every((r) => r.id >= cut * 1000)).toBe(true);
  const stats = await plateRunStats(database.db as never);
  expect(stats.rows).toBe(rows.length);
});

it('merges by reading the sources in key order, not by sorting them', async () => {
  const { database } = await setUp();
  const plan = (await sql<{ detail: string }>`explain query plan select plate_key, id from vehicle_event_plates where run = 1
    union all select plate_key, id from vehicle_event_plates where run = 2 order by plate_key, id limit 10`.execute(database.db)).rows.map((r) => r.detail);
  expect(plan.join('\n')).toMatch(/MERGE/);
  expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
});
