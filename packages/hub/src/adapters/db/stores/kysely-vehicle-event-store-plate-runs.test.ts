import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { planPlateQuery } from '@camnet/core';
import type { VehicleEvent } from '@camnet/core';
import { openTestDatabase } from '../../../testing/test-databases.ts';
import { createKyselyVehicleEventStore } from './kysely-vehicle-event-store.ts';
import { mergeStep, plateRunStats, runTable } from './kysely-vehicle-event-store-plate-runs.ts';
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

/** Every plate row of every run table, with its run. */
async function plateRows(database: Awaited<ReturnType<typeof setUp>>['database']) {
  const runs = (await sql<{ run: number }>`select run from vehicle_event_plate_runs`.execute(database.db)).rows;
  const out: { run: number; plate_key: string; id: number }[] = [];
  for (const { run } of runs) {
    const rows = await sql<{ plate_key: string; id: number }>`select plate_key, id from ${sql.table(runTable(run))}`.execute(database.db);
    out.push(...rows.rows.map((r) => ({ run, ...r })));
  }
  return out;
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

it('a store opened on a half-done merge finishes it once ingest is quiet', async () => {
  const { database, store } = await setUp({ ...SMALL, workPerRow: 0, idleDelayMs: null });
  const events = Array.from({ length: 80 }, (_, i) => event(i));
  for (let i = 0; i < events.length; i += 10) await store.ingest('edge-1', events.slice(i, i + 10), T0);
  expect(await mergeStep(database.db as never, { ...SMALL, stepRows: 3 })).toBe(3);
  expect((await plateRunStats(database.db as never)).merging).toBe(true);
  createKyselyVehicleEventStore(database, { plateRuns: { ...SMALL, idleDelayMs: 10 } });
  await expect.poll(async () => (await plateRunStats(database.db as never)).merging, { timeout: 5000 }).toBe(false);
  expect((await plateRows(database)).length).toBe(events.filter((e) => e.plate).length);
});

it('retention drops runs wholly before the cut and trims the one that straddles it', async () => {
  const { database, store } = await setUp();
  const events = Array.from({ length: 120 }, (_, i) => event(i));
  for (let i = 0; i < events.length; i += 10) await store.ingest('edge-1', events.slice(i, i + 10), T0);
  const cut = T0 + 55 * MIN;
  await store.deleteBefore(cut);
  expect((await plateRunStats(database.db as never)).rows).toBe(events.filter((e, i) => e.plate && T0 + i * MIN >= cut).length);
  // Finish any merge, so each row is in one table.
  while ((await mergeStep(database.db as never, SMALL)) !== null);
  const rows = await plateRows(database);
  expect(rows).toHaveLength(events.filter((e, i) => e.plate && T0 + i * MIN >= cut).length);
  expect(rows.every((r) => r.id >= cut * 1000)).toBe(true);
  const stats = await plateRunStats(database.db as never);
  expect(stats.rows).toBe(rows.length);
});

it('merges by reading the sources in key order into the target, with no sort and no temporary copy', async () => {
  const { database, store } = await setUp({ ...SMALL, workPerRow: 0, idleDelayMs: null });
  const events = Array.from({ length: 60 }, (_, i) => event(i));
  for (let i = 0; i < events.length; i += 10) await store.ingest('edge-1', events.slice(i, i + 10), T0);
  const [a, b] = (await sql<{ run: number }>`select run from vehicle_event_plate_runs where state = 'sealed' order by run`.execute(database.db)).rows.map((r) => runTable(r.run));
  const plan = (await sql<{ detail: string }>`explain query plan insert into ${sql.table(runTable(99))} select * from ${sql.table(a!)}
    union all select * from ${sql.table(b!)} order by plate_key, id limit 10`.execute(database.db).catch(async () => {
    // The target table must exist for the plan: make an empty one like the sources.
    await sql`create table ${sql.table(runTable(99))} as select * from ${sql.table(a!)} where 0`.execute(database.db);
    return sql<{ detail: string }>`explain query plan insert into ${sql.table(runTable(99))} select * from ${sql.table(a!)}
      union all select * from ${sql.table(b!)} order by plate_key, id limit 10`.execute(database.db);
  })).rows.map((r) => r.detail).join('\n');
  expect(plan).toMatch(/MERGE/);
  expect(plan).not.toMatch(/TEMP B-TREE/);
});

it('migration 0008 makes the plate rows already stored run 1, found by search', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { Migrator } = await import('kysely');
  const { openDatabase, migrateToLatest } = await import('../database.ts');
  const { migrations } = await import('../migrations/index.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'camnet-0008-'));
  const database = openDatabase({ dataDir });
  dispose = async () => { await database.close(); rmSync(dataDir, { recursive: true, force: true }); };
  const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  expect((await migrator.migrateTo('0007-plate-rows')).error).toBeUndefined();
  for (const i of [0, 1]) {
    const id = (T0 + i * MIN) * 1000;
    await sql`insert into vehicle_events (id, edge_key, local_id, camera_key, ended_ms, received_ms, type_code, colour_code, colour_conf, colour_alt_code, plate, box, source_code)
      values (${id}, 1, ${`r-${i}`}, 1, ${T0 + i * MIN + 2000}, ${T0}, 1, 1, 0.8, 0, ${plateOf(i)}, '[1,2,3,4]', 0)`.execute(database.db);
    await sql`insert into vehicle_event_plates (plate_key, id, plate, edge_key, local_id, camera_key, ended_ms, received_ms, type_code, colour_code, colour_conf, colour_alt_code, box, source_code)
      values (${plateOf(i)}, ${id}, ${plateOf(i)}, 1, ${`r-${i}`}, 1, ${T0 + i * MIN + 2000}, ${T0}, 1, 1, 0.8, 0, '[1,2,3,4]', 0)`.execute(database.db);
  }
  await sql`insert into vehicle_event_refs (key, kind, ref) values (1, 'edge', 'edge-1'), (2, 'camera', 'cam-1')`.execute(database.db);
  await migrateToLatest(database.db);
  expect(await plateRunStats(database.db as never)).toMatchObject({ runs: 1, rows: 2, merging: false });
  const store = createKyselyVehicleEventStore(database);
  const { hits } = await store.search({ fromMs: T0 - MIN, toMs: T0 + 10 * MIN, plate: planPlateQuery(plateOf(1), { scope: {} }) }, { sort: 'time_asc', limit: 10 });
  expect(hits.map((h) => h.event.localId)).toEqual(['r-1']);
  // New rows go to a new open run beside it.
  await store.ingest('edge-1', [event(26)], T0);
  expect((await plateRunStats(database.db as never)).runs).toBe(2);
  expect((await store.search({ fromMs: T0 - MIN, toMs: T0 + 30 * MIN, plate: planPlateQuery(plateOf(1), { scope: {} }) }, { sort: 'time_asc', limit: 10 })).hits.map((h) => h.event.localId)).toEqual(['r-1', 'r-26']);
});
