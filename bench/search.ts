/**
 * Vehicle search benchmark (issue 5): store-level p50/p95 for the search shapes the dashboard uses,
 * sustained ingest in three shapes (`ingestPerSecond`: --in-flight edges sending batches of --batch at once, a network
 * catching up; `ingestOneBatchAtATimePerSecond`; `ingestLive`: every edge sends what it has every --live-flush-s of
 * data time, all at once), the same queries by a plain full scan in the same run (the baseline), and the
 * 24 h query through the HTTP API. PostgreSQL too when CAMNET_BENCH_PG_URL is set (use a database of its own, not
 * the one test suites use: while the bench builds, its schema holds Kysely's migration tables).
 * Run: `npx tsx bench/search.ts --json [--events 10000000] [--queries 200] [--skip-baseline] [--cache-mib MiB] [--no-prewarm]
 * [--ingest-events 200000] [--ingest-only] [--skip-ingest] [--build-only] [--postgres-only]`. Data is built once
 * (synthetic network + 30 days of events) and cached under .bench-cache/.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { diurnalFactor, generateNetwork, generateVehicleEvents } from '@camnet/core';
import type { SyntheticNetwork, VehicleEvent } from '@camnet/core';
import { defaultSqliteCacheMiB, migrateToLatest, openDatabase } from '../packages/hub/src/adapters/db/database.ts';
import type { HubDatabase } from '../packages/hub/src/adapters/db/database.ts';
import { createKyselyCameraStore } from '../packages/hub/src/adapters/db/stores/kysely-camera-store.ts';
import { createKyselyMemberStore } from '../packages/hub/src/adapters/db/stores/kysely-member-store.ts';
import { createKyselySiteStore } from '../packages/hub/src/adapters/db/stores/kysely-site-store.ts';
import { createKyselyVehicleEventStore } from '../packages/hub/src/adapters/db/stores/kysely-vehicle-event-store.ts';
import { SqlText } from '../packages/hub/src/adapters/db/stores/kysely-vehicle-event-store-sql.ts';
import { HOUR_MS } from '../packages/hub/src/adapters/db/stores/kysely-vehicle-event-store-hour-counts.ts';
import { deletePlateRowsFrom, mergeStep, plateRunStats } from '../packages/hub/src/adapters/db/stores/kysely-vehicle-event-store-plate-runs.ts';
import type { VehicleEventStore } from '../packages/hub/src/features/vehicle-events/vehicle-event.store.ts';
import { distanceM, planPlateQuery } from '@camnet/core';
import type { Colour, LatLon, VehicleType } from '@camnet/core';
import { createHubApp } from '../packages/hub/src/app.ts';
import { hubConfigSchema } from '../packages/hub/src/config.ts';
import { composeHub } from '../packages/hub/src/main.ts';
import { colourCode, typeCode } from '../packages/hub/src/adapters/db/stores/kysely-vehicle-event-store-codes.ts';
import type { VehicleEventQuery } from '../packages/hub/src/features/vehicle-events/vehicle-event.store.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const json = process.argv.includes('--json');
const N = arg('events', 10_000_000);
const Q = arg('queries', 200);
const BATCH = arg('batch', 250);
/** Edge batches unanswered at once during ingest (edges sending concurrently). */
const IN_FLIGHT = arg('in-flight', 32);
/** Live-network ingest: every edge sends what it has every this many seconds of the data's time. */
const LIVE_FLUSH_S = arg('live-flush-s', 60);
/** SQLite page cache of the bench's connection (the hub's `sqliteCacheMiB`; by default the hub's default). */
const CACHE_MIB = arg('cache-mib', defaultSqliteCacheMiB());
/** --no-prewarm: the store as a hub with `sqlitePrewarm: false` (pages read from the OS file cache or the disk). */
const PREWARM = !process.argv.includes('--no-prewarm');
const DAYS = 30;
const DAY = 86_400_000;
/** The data ends here; "now" for every query. */
export const END_MS = Date.parse('2026-11-01T00:00:00.000Z');
const START_MS = END_MS - DAYS * DAY;
const SEED = 'bench-search';
const RATES = { arterial: 60, residential: 8 };
const log = (s: string) => { if (!json) console.error(s); else process.stderr.write(`${s}\n`); };

/** A network sized so 30 days of its traffic is about N events. */
export function benchNetwork(n: number): SyntheticNetwork {
  let mean = 0;
  for (let h = 0; h < 7 * 24; h++) mean += diurnalFactor(START_MS + h * 3_600_000) / (7 * 24);
  const probe = generateNetwork({ seed: SEED, cameras: 200 });
  const arterialShare = probe.cameras.filter((c) => c.arterial).length / probe.cameras.length;
  const perCameraDay = (arterialShare * RATES.arterial + (1 - arterialShare) * RATES.residential) * 24 * mean;
  return generateNetwork({ seed: SEED, cameras: Math.max(20, Math.round(n / (DAYS * perCameraDay) * 1.03)) });
}

/** The network's events as edge batches (one edge per site, up to BATCH events each), in the order edges fill them. */
function* edgeBatches(network: SyntheticNetwork, n: number, from: number, to: number, seed: string): Generator<{ edgeId: string; events: VehicleEvent[] }> {
  const siteOf = new Map(network.cameras.map((c) => [c.id, c.siteId]));
  const buffers = new Map<string, VehicleEvent[]>();
  let total = 0;
  for (const e of generateVehicleEvents({ seed, cameras: network.cameras, from, to, ratePerHour: RATES })) {
    if (total >= n) break;
    const { truth: _truth, ...event } = e;
    const site = siteOf.get(e.cameraId)!;
    const buf = buffers.get(site) ?? [];
    buf.push(event);
    buffers.set(site, buf);
    total++;
    if (buf.length >= BATCH) {
      yield { edgeId: `edge-${site}`, events: buf };
      buffers.set(site, []);
    }
  }
  for (const [site, buf] of buffers) if (buf.length) yield { edgeId: `edge-${site}`, events: buf };
}

/**
 * Sends batches to the store with up to `inFlight` unanswered at once — as a hub hears from many edges at the same
 * time (the store commits what waits together) — and returns events per second of wall time.
 */
async function ingestBatches(store: VehicleEventStore, batches: Iterable<{ edgeId: string; events: VehicleEvent[] }>, inFlight: number) {
  const pending = new Set<Promise<unknown>>();
  let total = 0;
  const t0 = performance.now();
  for (const b of batches) {
    const p: Promise<unknown> = store.ingest(b.edgeId, b.events, Date.parse(b.events.at(-1)!.endedAt) + 800).then(() => pending.delete(p));
    pending.add(p);
    total += b.events.length;
    if (pending.size >= inFlight) await Promise.race(pending);
    if (total % 500_000 < b.events.length) log(`  ${total.toLocaleString()} events, ${Math.round(total / ((performance.now() - t0) / 1000)).toLocaleString()}/s (generation included)`);
  }
  await Promise.all(pending);
  return { total, ingestPerSecond: Math.round(total / ((performance.now() - t0) / 1000)) };
}

/**
 * A live network: every edge sends what it has every `flushMs` of the data's time, all edges at once; the hub has
 * answered every edge before the next round is sent. Batches are small and aligned in time.
 */
function liveRounds(network: SyntheticNetwork, n: number, from: number, to: number, seed: string, flushMs: number): { edgeId: string; events: VehicleEvent[] }[][] {
  const siteOf = new Map(network.cameras.map((c) => [c.id, c.siteId]));
  const rounds: { edgeId: string; events: VehicleEvent[] }[][] = [];
  let buffers = new Map<string, VehicleEvent[]>();
  const flush = () => {
    rounds.push([...buffers].map(([site, events]) => ({ edgeId: `edge-${site}`, events })));
    buffers = new Map();
  };
  let next = from + flushMs;
  let total = 0;
  for (const e of generateVehicleEvents({ seed, cameras: network.cameras, from, to, ratePerHour: RATES })) {
    if (total++ >= n) break;
    const at = Date.parse(e.startedAt);
    if (at >= next) {
      if (buffers.size) flush();
      while (next <= at) next += flushMs;
    }
    const { truth: _truth, ...event } = e;
    const site = siteOf.get(e.cameraId)!;
    buffers.set(site, [...(buffers.get(site) ?? []), event]);
  }
  if (buffers.size) flush();
  return rounds;
}

async function ingestRounds(store: VehicleEventStore, rounds: { edgeId: string; events: VehicleEvent[] }[][]) {
  let total = 0;
  const t0 = performance.now();
  for (const round of rounds) {
    await Promise.all(round.map((b) => store.ingest(b.edgeId, b.events, Date.parse(b.events.at(-1)!.endedAt) + 800)));
    total += round.reduce((sum, b) => sum + b.events.length, 0);
  }
  return { total, ingestPerSecond: Math.round(total / ((performance.now() - t0) / 1000)), rounds: rounds.length, meanRoundEvents: Math.round(total / rounds.length) };
}

async function ingestStream(store: VehicleEventStore, network: SyntheticNetwork, n: number, from: number, to: number, seed: string) {
  return ingestBatches(store, edgeBatches(network, n, from, to, seed), IN_FLIGHT);
}

/** The registry rows the HTTP search needs (cameras with positions). */
async function seedRegistry(database: HubDatabase, network: SyntheticNetwork) {
  const now = new Date(END_MS).toISOString();
  const members = createKyselyMemberStore(database);
  for (const m of network.members) await members.insert({ id: m.id, name: m.name, kind: m.kind as never, contactEmail: null, createdAt: now, updatedAt: now });
  const sites = createKyselySiteStore(database);
  for (const s of network.sites) await sites.insert({ id: s.id, memberId: s.memberId, name: s.address, address: s.address, lat: s.lat, lon: s.lon, createdAt: now, updatedAt: now });
  await createKyselyCameraStore(database).insertMany(network.cameras.map((c) => ({
    id: c.id, siteId: c.siteId, memberId: c.memberId, edgeId: null, name: c.name, lat: c.lat, lon: c.lon, headingDeg: c.headingDeg, fovDeg: c.fovDeg,
    rangeM: c.rangeM, mountType: c.mountType, sharingMode: c.sharingMode, retentionDays: 30, maskMode: 'overlay', privacyMasks: [], streamUrlSealed: null,
    publicViewAttested: c.publicViewAttested, status: c.status, lastFrameAt: null, pictureCheck: null, createdAt: now, updatedAt: now,
  })));
}

/**
 * Sustained ingest on the built database, batches generated beforehand so only the store is timed: with IN_FLIGHT
 * edges sending at once (the headline), and one batch at a time (a single edge catching up). Both are removed again
 * so the cache stays as built.
 */
async function measureIngest(database: HubDatabase, network: SyntheticNetwork, n: number) {
  const store = createKyselyVehicleEventStore(database);
  const runsBefore = database.dialect === 'sqlite' ? await plateRunStats(database.db) : null;
  const concurrent = await ingestBatches(store, [...edgeBatches(network, n, END_MS, END_MS + 3 * DAY, `${SEED}-ingest`)], IN_FLIGHT);
  // SQLite plate runs: ingest pays for merging as it goes, but a merge of large runs becomes due all at once and is
  // paid over the ingest that follows. What is still due after the window is merged now and timed: the backlog.
  const runsAfter = database.dialect === 'sqlite' ? await plateRunStats(database.db) : null;
  const backlog = database.dialect === 'sqlite' ? await finishMerges(database) : null;
  const oneAtATime = await ingestBatches(store, [...edgeBatches(network, n, END_MS + 3 * DAY, END_MS + 6 * DAY, `${SEED}-ingest-1`)], 1);
  const live = await ingestRounds(store, liveRounds(network, n, END_MS + 6 * DAY, END_MS + 12 * DAY, `${SEED}-ingest-live`, LIVE_FLUSH_S * 1000));
  if (database.dialect === 'sqlite') await deletePlateRowsFrom(database.db as unknown as Kysely<unknown>, END_MS * 1000);
  else {
    const q = new SqlText(database.dialect);
    await q.add(`delete from vehicle_event_plates where id >= ${q.p(END_MS * 1000)}`).run(database.db);
  }
  const q2 = new SqlText(database.dialect);
  await q2.add(`delete from vehicle_events where id >= ${q2.p(END_MS * 1000)}`).run(database.db);
  for (const table of database.dialect === 'sqlite' ? ['vehicle_event_hour_counts', 'vehicle_event_counted_hours'] : ['vehicle_event_hour_counts']) {
    const q3 = new SqlText(database.dialect);
    await q3.add(`delete from ${table} where hour >= ${q3.p(END_MS / HOUR_MS)}`).run(database.db);
  }
  if (database.dialect === 'sqlite') await finishMerges(database);
  return {
    concurrent: concurrent.ingestPerSecond, oneAtATime: oneAtATime.ingestPerSecond, live,
    ...(runsBefore && backlog ? {
      plateRuns: { before: runsBefore, afterConcurrent: runsAfter, mergeBacklogAfterConcurrent: backlog },
      ingestPerSecondWithMergeBacklog: Math.round(concurrent.total / (concurrent.total / concurrent.ingestPerSecond + backlog.seconds)),
    } : {}),
  };
}

/** SQLite: merges every plate run that is due (so queries are timed on a quiet store); the rows moved and the time. */
async function finishMerges(database: HubDatabase) {
  const db = database.db as unknown as Kysely<unknown>;
  const t0 = performance.now();
  let rows = 0;
  for (let moved = await mergeStep(db); moved !== null; moved = await mergeStep(db)) rows += moved;
  return { rows, seconds: Math.round(performance.now() - t0) / 1000 };
}

async function buildSqlite(network: SyntheticNetwork): Promise<{ database: HubDatabase; buildIngest: number | null; dataDir: string }> {
  const dir = join('.bench-cache', `search-${N}`);
  const ready = join(dir, 'ready');
  if (existsSync(ready)) {
    // A cache built by an older schema is brought up to date as a hub would be.
    const database = openDatabase({ dataDir: dir, cacheMiB: CACHE_MIB });
    const t0 = performance.now();
    await migrateToLatest(database.db);
    log(`migrations checked in ${Math.round(performance.now() - t0)} ms`);
    // As the hub does once it serves (startHub).
    if (PREWARM) database.startPrewarm();
    return { database, buildIngest: null, dataDir: dir };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const database = openDatabase({ dataDir: dir, cacheMiB: CACHE_MIB });
  await migrateToLatest(database.db);
  await seedRegistry(database, network);
  log(`building ${N.toLocaleString()} events on ${network.cameras.length} cameras (SQLite, ${dir})`);
  const r = await ingestStream(createKyselyVehicleEventStore(database), network, N, START_MS, END_MS, SEED);
  log(`built ${r.total.toLocaleString()} events at ${r.ingestPerSecond.toLocaleString()}/s`);
  mkdirSync(join(dir, 'ready-tmp'), { recursive: true });
  renameSync(join(dir, 'ready-tmp'), ready);
  return { database, buildIngest: r.ingestPerSecond, dataDir: dir };
}

async function buildPostgres(url: string, network: SyntheticNetwork): Promise<HubDatabase> {
  const schema = `bench_search_${N}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const done = (await admin.query(`select 1 from information_schema.tables where table_schema = $1 and table_name = 'bench_ready'`, [schema])).rowCount;
  if (!done) {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`create schema ${schema}`);
  }
  await admin.end();
  const database = openDatabase({ url, dataDir: '.bench-cache', searchPath: `${schema},public` });
  if (!done) {
    await migrateToLatest(database.db);
    await seedRegistry(database, network);
    log(`building ${N.toLocaleString()} events (PostgreSQL schema ${schema})`);
    await ingestStream(createKyselyVehicleEventStore(database), network, N, START_MS, END_MS, SEED);
    await new SqlText('postgres').add('create table bench_ready (at text)').run(database.db);
    // Kysely's migrator sees a migration table in any schema: leave none behind for test suites sharing the server.
    await new SqlText('postgres').add('drop table kysely_migration, kysely_migration_lock').run(database.db);
    await new SqlText('postgres').add('analyze').run(database.db);
  }
  return database;
}

// ---- query shapes ----------------------------------------------------------------------------

type Figure = { p50: number; p95: number };
type QueryFigures = Record<'attr24h' | 'attr7d' | 'plateExact30d' | 'platePartial30d' | 'plateFuzzy30d' | 'facets24h' | 'facets24hAreaOnly' | 'journey30d', Figure>;
const COMBOS: [Colour, VehicleType][] = [['red', 'pickup'], ['white', 'suv'], ['black', 'car'], ['silver', 'car'], ['gray', 'truck'], ['blue', 'van'], ['white', 'pickup'], ['red', 'car']];
const AREA_M = 600;
const CONFUSE: Record<string, string> = { 0: 'O', O: '0', 1: 'I', I: '1', 8: 'B', B: '8', 5: 'S', S: '5', 2: 'Z', Z: '2', 6: 'G', G: '6' };
const r2 = (x: number) => Math.round(x * 100) / 100;
const pctOf = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const figure = (ms: number[]): Figure => ({ p50: r2(pctOf(ms, 0.5)), p95: r2(pctOf(ms, 0.95)) });

/** A deterministic PRNG for query parameters (same queries every run). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

interface Shape { endMs: number; centre: LatLon; cameraIds: string[]; colour: Colour; type: VehicleType; plate: string }

/** Query parameters: a random window end, a 600 m area round a random camera, a colour/type pair and a plate seen in the data. */
async function shapes(database: HubDatabase, network: SyntheticNetwork, n: number, endMs: number): Promise<Shape[]> {
  const next = rng(42);
  const out: Shape[] = [];
  while (out.length < n) {
    const centre = network.cameras[Math.floor(next() * network.cameras.length)]!;
    const q = new SqlText(database.dialect);
    q.add(`select plate from vehicle_events where id >= ${q.p(Math.floor((endMs - DAYS * DAY + next() * (DAYS - 1) * DAY) * 1000))} and plate is not null order by id limit 1`);
    const plate = (await q.run<{ plate: string }>(database.db))[0]?.plate;
    if (!plate || plate.length < 5) continue;
    const [colour, type] = COMBOS[Math.floor(next() * COMBOS.length)]!;
    const cameraIds = network.cameras.filter((c) => distanceM(c, centre) <= AREA_M).map((c) => c.id);
    out.push({ endMs: endMs - Math.floor(next() * (DAYS - 7) * DAY), centre, cameraIds, colour, type, plate });
  }
  return out;
}

const partialOf = (p: string) => `${p.slice(0, 2)}?${p.slice(3, 5)}*`;
function fuzzyOf(p: string): string {
  const i = [...p].findIndex((c) => CONFUSE[c]);
  return i >= 0 ? p.slice(0, i) + CONFUSE[p[i]!] + p.slice(i + 1) : p.slice(0, -1);
}

async function timed(items: Shape[], fn: (s: Shape) => Promise<unknown>): Promise<Figure> {
  for (const s of items.slice(0, 10)) await fn(s); // warm-up
  const ms: number[] = [];
  for (const s of items) {
    const t0 = performance.now();
    await fn(s);
    ms.push(performance.now() - t0);
  }
  return figure(ms);
}

/** Store-level figures through the real store (indexes, plate table, keyset pages of 100). */
async function measureQueries(store: VehicleEventStore, database: HubDatabase, network: SyntheticNetwork, n: number, endMs: number): Promise<QueryFigures> {
  const all = await shapes(database, network, n, endMs);
  const page = { sort: 'time_desc' as const, limit: 100 };
  const attr = (s: Shape, days: number): VehicleEventQuery => ({ fromMs: s.endMs - days * DAY, toMs: s.endMs, colours: [s.colour], types: [s.type], cameraIds: s.cameraIds });
  const plateQ = (s: Shape, text: string, fuzzy = false): VehicleEventQuery => {
    const scope = { fromMs: endMs - DAYS * DAY, toMs: endMs };
    return { ...scope, plate: planPlateQuery(text, { fuzzy, scope }) };
  };
  return {
    attr24h: await timed(all, (s) => store.search(attr(s, 1), page)),
    attr7d: await timed(all, (s) => store.search(attr(s, 7), page)),
    plateExact30d: await timed(all, (s) => store.search(plateQ(s, s.plate), page)),
    platePartial30d: await timed(all, (s) => store.search(plateQ(s, partialOf(s.plate)), page)),
    plateFuzzy30d: await timed(all, (s) => store.search(plateQ(s, fuzzyOf(s.plate), true), { ...page, sort: 'quality' })),
    facets24h: await timed(all, (s) => store.facets(attr(s, 1))),
    facets24hAreaOnly: await timed(all, (s) => store.facets({ fromMs: s.endMs - DAY, toMs: s.endMs, cameraIds: s.cameraIds })),
    journey30d: await timed(all, (s) => store.search(plateQ(s, s.plate), { sort: 'time_asc', limit: 1000 })),
  };
}

/** The baseline: the same questions answered by reading every row (no index, no time clustering). */
async function measureBaseline(database: HubDatabase, network: SyntheticNetwork, n: number, endMs: number): Promise<QueryFigures> {
  const all = (await shapes(database, network, n, endMs)).slice(0, n);
  const noIndex = database.dialect === 'sqlite' ? ' not indexed' : '';
  const run = async (build: (q: SqlText) => void) => {
    const q = new SqlText(database.dialect);
    build(q);
    if (database.dialect === 'sqlite') return q.run(database.db);
    return database.db.transaction().execute(async (trx) => {
      for (const off of ['enable_indexscan', 'enable_bitmapscan', 'enable_indexonlyscan']) await new SqlText('postgres').add(`set local ${off} = off`).run(trx);
      return q.run(trx);
    });
  };
  const keys = async (ids: string[]) => {
    const q = new SqlText(database.dialect);
    return (await q.add(`select key from vehicle_event_refs where kind = 'camera' and ref in ${q.list(ids.length ? ids : [''])}`).run<{ key: number }>(database.db)).map((r) => Number(r.key));
  };
  const span = (q: SqlText, from: number, to: number) => `(id / 1000) >= ${q.p(from)} and (id / 1000) < ${q.p(to)}`;
  const attr = async (s: Shape, days: number) => {
    const k = await keys(s.cameraIds);
    return run((q) => q.add(`select * from vehicle_events${noIndex} where ${span(q, s.endMs - days * DAY, s.endMs)} and colour_code = ${q.p(colourCode(s.colour))} and type_code = ${q.p(typeCode(s.type))} and camera_key in ${q.list(k.length ? k : [-1])} order by id desc limit 100`));
  };
  const plate = (cond: (q: SqlText) => string) => run((q) => q.add(`select * from vehicle_events${noIndex} where ${span(q, endMs - DAYS * DAY, endMs)} and ${cond(q)} order by id`));
  return {
    attr24h: await timed(all, (s) => attr(s, 1)),
    attr7d: await timed(all, (s) => attr(s, 7)),
    plateExact30d: await timed(all, (s) => plate((q) => `plate = ${q.p(s.plate)}`)),
    platePartial30d: await timed(all, (s) => plate((q) => `plate like ${q.p(partialOf(s.plate).replace('?', '_').replace('*', '%'))}`)),
    plateFuzzy30d: await timed(all, async (s) => {
      const plan = planPlateQuery(fuzzyOf(s.plate), { fuzzy: true, scope: {} });
      const rows = await run((q) => q.add(`select id, plate from vehicle_events${noIndex} where ${span(q, endMs - DAYS * DAY, endMs)} and plate is not null`));
      return (rows as { plate: string }[]).filter((r) => plan.grade(r.plate));
    }),
    facets24h: await timed(all, async (s) => {
      const k = await keys(s.cameraIds);
      return run((q) => q.add(`select colour_code, type_code, camera_key, (id / 3600000000) % 24 as hour, count(*) as n from vehicle_events${noIndex} where ${span(q, s.endMs - DAY, s.endMs)} and colour_code = ${q.p(colourCode(s.colour))} and type_code = ${q.p(typeCode(s.type))} and camera_key in ${q.list(k.length ? k : [-1])} group by 1, 2, 3, 4`));
    }),
    facets24hAreaOnly: await timed(all, async (s) => {
      const k = await keys(s.cameraIds);
      return run((q) => q.add(`select colour_code, type_code, camera_key, (id / 3600000000) % 24 as hour, count(*) as n from vehicle_events${noIndex} where ${span(q, s.endMs - DAY, s.endMs)} and camera_key in ${q.list(k.length ? k : [-1])} group by 1, 2, 3, 4`));
    }),
    journey30d: await timed(all, (s) => plate((q) => `plate = ${q.p(s.plate)}`)),
  };
}

/** The 24 h attribute query through the HTTP API (auth, validation, place resolution, count, audit). */
async function measureHttp(database: HubDatabase, dataDir: string, network: SyntheticNetwork, n: number, endMs: number): Promise<Figure> {
  const config = hubConfigSchema.parse({ dataDir });
  const hub = composeHub(config, database, { clock: () => new Date(endMs) });
  const app = await createHubApp({
    services: hub.services, edgeLink: hub.edgeLink, bus: hub.bus, ready: async () => true,
    settings: { networkName: 'bench', mapTileUrl: null, maxRetentionDays: config.maxRetentionDays, offenceCategories: config.offenceCategories },
    version: 'bench', cookie: { secure: false, maxAgeSeconds: 3600 }, loginPerMinute: 1000,
  } as Parameters<typeof createHubApp>[0]);
  const email = 'bench-investigator@network.org';
  const user = (await hub.services.users.findByEmail(email)) ?? (await hub.services.users.create({ email, name: 'Bench', role: 'investigator', memberId: network.members[0]!.id, password: 'bench investigator password' }));
  const { token } = await hub.services.tokens.create(user.id, { name: 'bench', role: 'investigator' });
  const purpose = { caseNumber: 'BENCH-1', offence: config.offenceCategories[0], text: 'search benchmark' };
  const figures = await timed(await shapes(database, network, n, endMs), async (s) => {
    const res = await app.inject({
      method: 'POST', url: '/api/v1/search', headers: { authorization: `Bearer ${token}` },
      payload: { purpose, filters: { time: { from: new Date(s.endMs - DAY).toISOString(), to: new Date(s.endMs).toISOString() }, colours: [s.colour], types: [s.type], similarColours: false, place: { near: { ...s.centre, radiusM: AREA_M } } }, limit: 100 },
    });
    if (res.statusCode !== 200) throw new Error(`HTTP search failed: ${res.body}`);
  });
  await app.close();
  return figures;
}

async function runOn(database: HubDatabase, network: SyntheticNetwork, extra: { dataDir?: string }) {
  const ingestN = arg('ingest-events', Math.min(200_000, Math.max(20_000, Math.round(N / 50))));
  // --skip-ingest: for re-measuring the queries only.
  // The hub reads its database into the page cache after it starts (sqlite-prewarm.ts); figures are for a hub that
  // has done so, as one that has run a while has. How long it took is reported.
  const prewarm = PREWARM ? await database.startPrewarm()?.done : undefined;
  if (prewarm) log(`${database.dialect}: prewarm ${prewarm.state} in ${prewarm.ms} ms (${Math.round(prewarm.pages).toLocaleString()} pages of ${prewarm.budgetPages.toLocaleString()}, longest slice ${prewarm.maxSliceMs.toFixed(1)} ms)`);
  const prewarmFigures = prewarm ? { prewarm: { state: prewarm.state, ms: prewarm.ms, pages: Math.round(prewarm.pages), budgetPages: prewarm.budgetPages, maxSliceMs: Math.round(prewarm.maxSliceMs * 10) / 10 } } : { prewarm: PREWARM ? 'none' : 'off' };
  const ingest = process.argv.includes('--skip-ingest') ? null : await measureIngest(database, network, ingestN);
  // Queries are timed on a quiet store: plate runs left waiting for a merge are merged first.
  if (!ingest && database.dialect === 'sqlite') await finishMerges(database);
  // ... and what the WAL holds is copied back first: a checkpoint's writes and fsync would compete with the queries' reads.
  for (let i = 0; i < 2; i++) await database.checkpointer?.checkpoint(); // twice: one already running copies only what it found
  if (ingest) log(`${database.dialect}: ingested ${ingestN.toLocaleString()} more events (batches of ${BATCH} per edge, ${IN_FLIGHT} edges at once, then one at a time, then live)`);
  const ingestFigures = ingest ? {
    ingestPerSecond: ingest.concurrent, ingestOneBatchAtATimePerSecond: ingest.oneAtATime, ingestLive: { flushEverySeconds: LIVE_FLUSH_S, ...ingest.live },
    ...(ingest.plateRuns ? { plateRuns: ingest.plateRuns, ingestPerSecondWithMergeBacklog: ingest.ingestPerSecondWithMergeBacklog } : {}),
  } : { ingest: 'skipped' };
  if (process.argv.includes('--ingest-only')) return { ...ingestFigures, ...prewarmFigures };
  log(`${database.dialect}: ${Q} queries of each shape`);
  const store = createKyselyVehicleEventStore(database);
  const indexed = await measureQueries(store, database, network, Q, END_MS);
  // --skip-baseline: for re-measuring the indexed paths only (the baseline takes minutes at 10M).
  const skipBaseline = process.argv.includes('--skip-baseline');
  if (!skipBaseline) log(`${database.dialect}: full-scan baseline`);
  const fullScan = skipBaseline ? 'skipped' : await measureBaseline(database, network, Math.max(3, Math.round(Q / 50)), END_MS);
  const http = extra.dataDir ? await measureHttp(database, extra.dataDir, network, Math.max(20, Q / 2), END_MS) : undefined;
  return { ...indexed, ...ingestFigures, ...prewarmFigures, fullScan, ...(http ? { httpAttr24h: http } : {}) };
}

const network = benchNetwork(N);
// --postgres-only: the PostgreSQL half alone (with CAMNET_BENCH_PG_URL), when the SQLite figures were taken already.
const postgresOnly = process.argv.includes('--postgres-only');
const sqlite = postgresOnly ? null : await buildSqlite(network);
if (sqlite && process.argv.includes('--build-only')) {
  console.log(JSON.stringify({ events: N, cameras: network.cameras.length, buildIngestPerSecond: sqlite.buildIngest, loadAverageAtEnd: loadavg().map((x) => Math.round(x * 10) / 10) }));
  await sqlite.database.close();
  process.exit(0);
}
const out: Record<string, unknown> = {
  events: N, cameras: network.cameras.length, days: DAYS, queriesPerShape: Q, batch: BATCH, inFlight: IN_FLIGHT, sqliteCacheMiB: CACHE_MIB, cores: cpus().length, loadAverageAtStart: loadavg().map((x) => Math.round(x * 10) / 10),
  ...(sqlite ? { sqlite: { ...(await runOn(sqlite.database, network, { dataDir: sqlite.dataDir })), ...(sqlite.buildIngest ? { buildIngestPerSecond: sqlite.buildIngest } : {}) } } : {}),
};
await sqlite?.database.close();
if (process.env.CAMNET_BENCH_PG_URL) {
  const database = await buildPostgres(process.env.CAMNET_BENCH_PG_URL, network);
  out.postgres = await runOn(database, network, {});
  await database.close();
}
// The machine is shared: the 1-minute load average says how much of it the figures had.
out.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 10) / 10);
if (json) console.log(JSON.stringify(out));
else console.log(JSON.stringify(out, null, 2));
