import type { Kysely } from 'kysely';
import type { VehicleEvent } from '@camnet/core';
import type { IngestResult, VehicleEventStore } from '../../../features/vehicle-events/vehicle-event.store.ts';
import type { HubDatabase } from '../database.ts';
import type { VehicleEventRow } from '../schema.ts';
import { EVENT_COLUMNS, toStoredEvent } from './kysely-vehicle-event-store-codes.ts';
import { countedRow, createSqliteInserts, deleteBefore, ensureDayPartitions, insertEvents, insertSideRows, pendingRows } from './kysely-vehicle-event-store-ingest.ts';
import { createPostgresHourCounting } from './kysely-vehicle-event-store-hour-counts.ts';
import { createSqliteHourCounting } from './kysely-vehicle-event-store-hour-counts-sqlite.ts';
import { countEvents, facetEvents, searchEvents } from './kysely-vehicle-event-store-search.ts';
import type { RefKeys } from './kysely-vehicle-event-store-search.ts';
import { SqlText, chunks } from './kysely-vehicle-event-store-sql.ts';
import { PLATE_RUNS, mergeStep } from './kysely-vehicle-event-store-plate-runs.ts';
import type { PlateRunSettings } from './kysely-vehicle-event-store-plate-runs.ts';

type Kind = 'camera' | 'edge';

/** A group commit takes every batch waiting, up to this many events. */
const GROUP_MAX_EVENTS = 20_000;

interface IngestJob {
  edgeId: string;
  events: VehicleEvent[];
  receivedMs: number;
  done(result: IngestResult): void;
  fail(error: unknown): void;
}

/** Camera and edge ids as small integer keys, cached; new keys enter the cache only after their transaction commits. */
function createRefCache(db: Kysely<unknown>, dialect: HubDatabase['dialect']) {
  const byRef = new Map<string, number>();
  const byKey = new Map<number, string>();
  const remember = (kind: Kind, ref: string, key: number) => { byRef.set(`${kind}:${ref}`, key); byKey.set(key, ref); };

  async function lookup(conn: Kysely<unknown>, kind: Kind, refs: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const chunk of chunks(refs, 500)) {
      const q = new SqlText(dialect);
      q.add(`select key, ref from vehicle_event_refs where kind = ${q.p(kind)} and ref in ${q.list(chunk)}`);
      for (const r of await q.run<{ key: number; ref: string }>(conn)) out.set(r.ref, Number(r.key));
    }
    return out;
  }

  return {
    /** Keys for refs, creating missing ones inside `trx`; returns the keys and a commit hook for the cache. */
    async ensure(trx: Kysely<unknown>, kind: Kind, refs: string[]): Promise<{ keys: Map<string, number>; commit(): void }> {
      const keys = new Map<string, number>();
      const missing = [...new Set(refs)].filter((r) => (byRef.has(`${kind}:${r}`) ? (keys.set(r, byRef.get(`${kind}:${r}`)!), false) : true));
      if (missing.length === 0) return { keys, commit: () => {} };
      const q = new SqlText(dialect).add('insert into vehicle_event_refs (kind, ref) values ');
      q.add(missing.map((r) => `(${q.p(kind)}, ${q.p(r)})`).join(', ')).add(' on conflict (kind, ref) do nothing');
      await q.run(trx);
      const found = await lookup(trx, kind, missing);
      for (const [r, k] of found) keys.set(r, k);
      return { keys, commit: () => { for (const [r, k] of found) remember(kind, r, k); } };
    },
    async cameraKeys(ids: string[]): Promise<number[]> {
      const missing = ids.filter((id) => !byRef.has(`camera:${id}`));
      if (missing.length) for (const [r, k] of await lookup(db, 'camera', missing)) remember('camera', r, k);
      return ids.map((id) => byRef.get(`camera:${id}`)).filter((k): k is number => k !== undefined);
    },
    refOf: (key: number): string => byKey.get(key) ?? `unknown:${key}`,
    async load(keys: number[]): Promise<void> {
      const missing = [...new Set(keys)].filter((k) => !byKey.has(k));
      for (const chunk of chunks(missing, 500)) {
        const q = new SqlText(dialect);
        q.add(`select key, kind, ref from vehicle_event_refs where key in ${q.list(chunk)}`);
        for (const r of await q.run<{ key: number; kind: Kind; ref: string }>(db)) remember(r.kind, r.ref, Number(r.key));
      }
    },
  } satisfies RefKeys & Record<string, unknown>;
}

/** Vehicle events on SQLite or PostgreSQL (docs/adr/0002-vehicle-event-storage.md; plate runs: 0005-plate-runs.md). */
export function createKyselyVehicleEventStore(database: HubDatabase, opts: { plateRuns?: PlateRunSettings } = {}): VehicleEventStore {
  const { db: typedDb, dialect } = database;
  const plateRuns = opts.plateRuns ?? PLATE_RUNS;
  const db = typedDb as unknown as Kysely<unknown>;
  const refs = createRefCache(db, dialect);
  const partitions = new Set<number>();
  const hourCounting = dialect === 'postgres' ? createPostgresHourCounting() : createSqliteHourCounting(database.sqlite!);
  const ctx = { db, dialect, refs, sqlite: database.sqlite, hourCounting };
  const sqliteInserts = database.sqlite ? createSqliteInserts(database.sqlite) : null;

  /** Writes several edges' batches in one transaction; one result per batch, in order. */
  async function writeGroup(jobs: IngestJob[]): Promise<IngestResult[]> {
    let plated = 0;
    let sealed = false;
    const commits: (() => void)[] = [];
    const results = await db.transaction().execute(async (trx) => {
      const all = jobs.flatMap((j) => j.events);
      const days = dialect === 'postgres' ? await ensureDayPartitions(trx, all, partitions) : [];
      commits.push(() => days.forEach((d) => partitions.add(d)));
      const edges = await refs.ensure(trx, 'edge', jobs.map((j) => j.edgeId));
      const cameras = await refs.ensure(trx, 'camera', all.map((e) => e.cameraId));
      commits.push(edges.commit, cameras.commit);
      const rows = jobs.flatMap((j, i) => pendingRows(edges.keys.get(j.edgeId)!, cameras.keys, j.events, j.receivedMs, i));
      const { stored, duplicates } = await insertEvents(trx, dialect, rows, sqliteInserts);
      ({ plated, sealed } = await insertSideRows(trx, dialect, stored, sqliteInserts, plateRuns));
      commits.push(await hourCounting.add(trx, stored.map(countedRow), Math.max(...jobs.map((j) => j.receivedMs))));
      const out = jobs.map(() => ({ accepted: 0, duplicates: 0 }));
      for (const r of stored) out[r.batch]!.accepted++;
      for (const r of duplicates) out[r.batch]!.duplicates++;
      return out;
    });
    for (const commit of commits) commit();
    mergeDebt += plated * plateRuns.workPerRow;
    if (sealed) mergeMaybe = true;
    return results;
  }

  // SQLite plate runs: merging is paid for by ingest (rows of merging owed per plate row written, paid in whole steps
  // after each group commit) and finished when no batch is waiting.
  let mergeDebt = 0;
  /** A run was sealed or a merge moved rows since the last time there was nothing to merge. */
  let mergeMaybe = false;
  let idleTimer: NodeJS.Timeout | null = null;
  async function payMergeDebt(): Promise<void> {
    while (dialect === 'sqlite' && mergeDebt >= plateRuns.stepRows) {
      const moved = await mergeStep(db, plateRuns);
      if (moved === null) {
        mergeDebt = 0;
        mergeMaybe = false;
        return;
      }
      mergeMaybe = true;
      mergeDebt -= Math.max(moved, 1);
    }
  }
  function mergeWhenIdle(): void {
    if (dialect !== 'sqlite' || idleTimer || !mergeMaybe || plateRuns.idleDelayMs === null) return;
    idleTimer = setTimeout(() => {
      idleTimer = null;
      idleMerge();
    }, plateRuns.idleDelayMs);
    idleTimer.unref();
  }
  /** Merges step after step while no batch is waiting; each step goes behind what is queued for the connection. */
  function idleMerge(): void {
    // Closed (the hub is stopping): what is left is merged after the next start.
    if (writing || !database.sqlite?.open) return;
    writing = true;
    mergeStep(db, plateRuns).then((moved) => {
      writing = false;
      if (queue.length > 0) {
        writing = true;
        setImmediate(() => void drain());
      } else if (moved === null) mergeMaybe = false;
      else setImmediate(idleMerge);
    }, (e: unknown) => {
      writing = false;
      if (database.sqlite?.open) console.warn(`[camnet] plate run merge failed: ${(e as Error).message}`);
    });
  }

  // Group commit: batches that arrive while a transaction is being written wait and go together in the next one.
  // Many edges sending small batches then cost one commit (and one write of each shared index page) per group,
  // not per batch. Each caller still hears back only after its own events are committed.
  const queue: IngestJob[] = [];
  let writing = false;
  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const group: IngestJob[] = [];
      let n = 0;
      while (queue.length > 0 && (group.length === 0 || n + queue[0]!.events.length <= GROUP_MAX_EVENTS)) {
        const job = queue.shift()!;
        group.push(job);
        n += job.events.length;
      }
      try {
        const results = await writeGroup(group);
        group.forEach((job, i) => job.done(results[i]!));
        await payMergeDebt().catch((e: unknown) => {
          if (database.sqlite?.open) console.warn(`[camnet] plate run merge failed: ${(e as Error).message}`);
        });
        // Closed hours are counted between groups; one that fails is counted after a later group (facets read its events meanwhile).
        await hourCounting.countClosed(db).catch((e: unknown) => {
          if (database.sqlite?.open) console.warn(`[camnet] hour count failed: ${(e as Error).message}`);
        });
        database.checkpointer?.nudge();
      } catch (e) {
        if (group.length === 1) group[0]!.fail(e);
        // One batch must not fail the others: write each alone, so only the one at fault hears the error.
        else for (const job of group) await writeGroup([job]).then(([r]) => job.done(r!), (err: unknown) => job.fail(err));
      }
      // Between groups the event loop turns (timers, sockets, the checkpointer's replies): with edges always waiting,
      // the awaits above settle as microtasks and would otherwise never let it.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    writing = false;
    mergeWhenIdle();
  }

  // A merge left half done by a previous process (or runs waiting for one) is taken up once the hub is quiet.
  mergeMaybe = dialect === 'sqlite';
  mergeWhenIdle();

  return {
    ingest(edgeId, events, receivedMs) {
      if (events.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0 });
      return new Promise<IngestResult>((done, fail) => {
        queue.push({ edgeId, events, receivedMs, done, fail });
        if (writing) return;
        // Start on the next turn of the event loop, so batches handed over in the same turn go in the same group.
        writing = true;
        setImmediate(() => void drain());
      });
    },
    search: (query, page) => searchEvents(ctx, query, page),
    count: (query, cap) => countEvents(ctx, query, cap),
    facets: (query) => facetEvents(ctx, query),
    async deleteBefore(ms) {
      const n = await deleteBefore(db, dialect, ms, hourCounting);
      hourCounting.forgetBefore(ms);
      // Dropped day partitions are created again on demand if a late event for that day arrives.
      partitions.clear();
      return n;
    },
    async findById(id) {
      const q = new SqlText(dialect);
      q.add(`select ${EVENT_COLUMNS.join(', ')}, (select count(*) from vehicle_event_media m where m.id = e.id and m.thumbnail is not null) as thumbs from vehicle_events e where id = ${q.p(id)}`);
      const row = (await q.run<VehicleEventRow & { thumbs: number }>(db))[0];
      if (!row) return null;
      await refs.load([Number(row.camera_key), Number(row.edge_key)]);
      return toStoredEvent(row, refs.refOf, Number(row.thumbs) > 0);
    },
    async thumbnail(id) {
      const q = new SqlText(dialect);
      q.add(`select thumbnail from vehicle_event_media where id = ${q.p(id)}`);
      return (await q.run<{ thumbnail: string | null }>(db))[0]?.thumbnail ?? null;
    },
  };
}
