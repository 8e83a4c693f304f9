import type { Kysely } from 'kysely';
import { EVENT_COLUMNS } from './kysely-vehicle-event-store-codes.ts';
import { SqlText } from './kysely-vehicle-event-store-sql.ts';
import type { QueryRunner } from './kysely-vehicle-event-store-sql.ts';

/**
 * Plate runs on SQLite (docs/adr/0005-plate-runs.md): the plate rows as a small log-structured merge tree.
 *
 * Each run is a table of its own, `vehicle_event_plate_run_<n>`, keyed `(plate_key, id)`; `vehicle_event_plate_runs`
 * lists them. New plate rows go into the one *open* run, which is small (≤ `sealRows` rows), so its pages stay in the
 * page cache and a group commit rewrites a few thousand of them, not one random leaf of a 30-day index per row. A
 * full open run is sealed (level 0, no rewrite: a run is already sorted). When `fanIn` sealed runs share a level they
 * are merged into a new run of the next level: their rows are read in key order (SQLite merges the sources' index
 * scans) and appended to the new table, `stepRows` at a time, one transaction per step. The merge cursor (the last
 * key copied) is in the run table: the target answers for keys up to it and the sources for keys after it, so a
 * query sees every row exactly once at every commit. A finished merge drops the sources' tables (no row deletes).
 *
 * Merges are paced by ingest: after each group commit the store owes `workPerRow` rows of merging per plate row it
 * wrote and pays in whole steps; once no batch has been waiting for `idleDelayMs` it merges what is left, step after
 * step, each step letting queries and batches that arrived go first.
 */
export interface PlateRunSettings {
  /** The open run is sealed once it holds this many rows. */
  sealRows: number;
  /** This many sealed runs of one level are merged into one run of the next. */
  fanIn: number;
  /** Rows moved by one merge step (one transaction). */
  stepRows: number;
  /** Rows of merging owed per plate row ingested (each row is merged once per level: ~4 levels at 10M events). */
  workPerRow: number;
  /** How long ingest must be quiet before what is left is merged; null: only ingest pays for merging. */
  idleDelayMs: number | null;
}

// Steps of 4,096 rows take ~10 ms: a query that arrives during one waits at most that long.
export const PLATE_RUNS: PlateRunSettings = { sealRows: 65_536, fanIn: 4, stepRows: 4_096, workPerRow: 6, idleDelayMs: 200 };

type RunState = 'open' | 'sealed' | 'target';
interface RunRow {
  run: number; level: number; state: RunState; rows: number; min_id: number; max_id: number;
  /** A source being merged: the target run. */
  merging_into: number | null;
  /** A merge target: the last key copied into it (null before the first step). */
  merged_key: string | null; merged_id: number | null;
}

/** A run table's columns, in table order. */
const ROW_COLUMNS = ['plate_key', ...EVENT_COLUMNS].join(', ');
/** A run's table. Run numbers are integers of this module's own making. */
export const runTable = (run: number) => `vehicle_event_plate_run_${Math.trunc(run)}`;

const createRunTable = (run: number) => new SqlText('sqlite').add(`create table ${runTable(run)} (plate_key text not null, id integer not null,
  edge_key integer, local_id varchar(64), camera_key integer, ended_ms bigint, received_ms bigint, type_code smallint, colour_code smallint,
  colour_conf double precision, colour_alt_code smallint, plate text not null, plate_conf double precision, plate_read text,
  direction double precision, box text, source_code smallint, primary key (plate_key, id)) without rowid`);

async function runs(db: QueryRunner): Promise<RunRow[]> {
  const rows = await new SqlText('sqlite').add('select * from vehicle_event_plate_runs order by run').run<RunRow>(db);
  return rows.map((r) => ({ ...r, run: Number(r.run), rows: Number(r.rows), min_id: Number(r.min_id), max_id: Number(r.max_id),
    merged_id: r.merged_id === null ? null : Number(r.merged_id), merging_into: r.merging_into === null ? null : Number(r.merging_into) }));
}

/** A new run: its row and its table (a number no run now has; a dropped run's table is gone with it). */
async function newRun(trx: QueryRunner, level: number, state: RunState, minId: number, maxId: number): Promise<number> {
  const q = new SqlText('sqlite');
  q.add(`insert into vehicle_event_plate_runs (run, level, state, rows, min_id, max_id)
    select coalesce(max(run), 0) + 1, ${q.p(level)}, ${q.p(state)}, 0, ${q.p(minId)}, ${q.p(maxId)} from vehicle_event_plate_runs returning run`);
  const run = Number((await q.run<{ run: number }>(trx))[0]!.run);
  await createRunTable(run).run(trx);
  return run;
}

/**
 * The open run's table to write into (a new run if there is none), inside the ingest transaction. `note` records
 * what was written: the run's count and time span grow, and it is sealed once full (true).
 */
export async function openRun(trx: Kysely<unknown>, settings: PlateRunSettings = PLATE_RUNS): Promise<{ table: string; note(rows: number, minId: number, maxId: number): Promise<boolean> }> {
  const found = (await new SqlText('sqlite').add(`select run from vehicle_event_plate_runs where state = 'open'`).run<{ run: number }>(trx))[0]?.run;
  const run = found === undefined ? await newRun(trx, 0, 'open', Number.MAX_SAFE_INTEGER, 0) : Number(found);
  return {
    table: runTable(run),
    async note(rows, minId, maxId) {
      const q = new SqlText('sqlite');
      q.add(`update vehicle_event_plate_runs set rows = rows + ${q.p(rows)}, min_id = min(min_id, ${q.p(minId)}), max_id = max(max_id, ${q.p(maxId)}),
        state = case when rows + ${q.p(rows)} >= ${q.p(settings.sealRows)} then 'sealed' else state end where run = ${q.p(run)} returning state`);
      return (await q.run<{ state: RunState }>(trx))[0]?.state === 'sealed';
    },
  };
}

/** One part of a plate query: a run's table and the key bound that keeps a merge's rows from being read twice. */
export interface RunPart { table: string; keyBound: { op: '>' | '<='; key: string; id: number } | null }

/**
 * The runs whose rows may fall in [fromId, toId), as parts to query (read inside the caller's transaction, so the
 * parts and the rows agree). A merge source answers only for keys after the merge cursor, its target up to it.
 */
export async function runParts(trx: QueryRunner, fromId: number, toId: number): Promise<RunPart[]> {
  const all = await runs(trx);
  const byRun = new Map(all.map((r) => [r.run, r]));
  const parts: RunPart[] = [];
  for (const r of all) {
    if (r.max_id < fromId || r.min_id >= toId) continue;
    const target = r.merging_into === null ? null : byRun.get(r.merging_into);
    if (r.state === 'target') {
      if (r.merged_key === null) continue; // nothing copied yet
      parts.push({ table: runTable(r.run), keyBound: { op: '<=', key: r.merged_key, id: r.merged_id! } });
    } else if (target?.merged_key != null) {
      parts.push({ table: runTable(r.run), keyBound: { op: '>', key: target.merged_key, id: target.merged_id! } });
    } else parts.push({ table: runTable(r.run), keyBound: null });
  }
  return parts;
}

/** The merge in progress, or a new one when `fanIn` sealed runs share a level (lowest level first); null: nothing to merge. */
async function currentMerge(trx: QueryRunner, fanIn: number): Promise<{ target: RunRow; sources: number[] } | null> {
  const all = await runs(trx);
  const target = all.find((r) => r.state === 'target');
  if (target) return { target, sources: all.filter((r) => r.merging_into === target.run).map((r) => r.run) };
  const byLevel = new Map<number, RunRow[]>();
  for (const r of all) if (r.state === 'sealed') byLevel.set(r.level, [...(byLevel.get(r.level) ?? []), r]);
  const level = [...byLevel.keys()].sort((a, b) => a - b).find((l) => byLevel.get(l)!.length >= fanIn);
  if (level === undefined) return null;
  const sources = byLevel.get(level)!.slice(0, fanIn);
  const made = await newRun(trx, level + 1, 'target', Math.min(...sources.map((s) => s.min_id)), Math.max(...sources.map((s) => s.max_id)));
  await new SqlText('sqlite').add(`update vehicle_event_plate_runs set merging_into = ${made} where run in (${sources.map((s) => Math.trunc(s.run)).join(', ')})`).run(trx);
  return { target: (await runs(trx)).find((r) => r.run === made)!, sources: sources.map((s) => s.run) };
}

/**
 * One merge step, in one transaction (so steps from several callers never overlap): the sources' next `stepRows`
 * rows after the cursor, in key order, are appended to the target and the cursor moves past them; when the sources
 * are used up their tables are dropped and the target becomes an ordinary sealed run. Returns the rows moved, or
 * null when there was nothing to merge.
 */
export async function mergeStep(db: Kysely<unknown>, settings: PlateRunSettings = PLATE_RUNS): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const merge = await currentMerge(trx, settings.fanIn);
    if (!merge) return null;
    const { target } = merge;
    const q = new SqlText('sqlite');
    const after = () => (target.merged_key === null ? '' : ` where (plate_key, id) > (${q.p(target.merged_key)}, ${q.p(target.merged_id)})`);
    // A compound SELECT with ORDER BY is answered by merging the sources' ordered scans (no sort); the target is
    // another table, so the rows are appended as they are read (no temporary copy).
    const parts = merge.sources.map((s) => `select ${ROW_COLUMNS} from ${runTable(s)}${after()}`);
    const moved = parts.length === 0 ? 0 : await q
      .add(`insert into ${runTable(target.run)} (${ROW_COLUMNS}) ${parts.join(' union all ')} order by plate_key, id limit ${Math.trunc(settings.stepRows)}`)
      .affected(trx);
    if (moved > 0) {
      const last = (await new SqlText('sqlite').add(`select plate_key, id from ${runTable(target.run)} order by plate_key desc, id desc limit 1`)
        .run<{ plate_key: string; id: number }>(trx))[0]!;
      const u = new SqlText('sqlite');
      await u.add(`update vehicle_event_plate_runs set rows = rows + ${moved}, merged_key = ${u.p(last.plate_key)}, merged_id = ${u.p(last.id)} where run = ${target.run}`).run(trx);
    }
    if (moved < settings.stepRows) {
      for (const s of merge.sources) await new SqlText('sqlite').add(`drop table ${runTable(s)}`).run(trx);
      await new SqlText('sqlite').add(`delete from vehicle_event_plate_runs where merging_into = ${target.run}`).run(trx);
      await new SqlText('sqlite').add(`update vehicle_event_plate_runs set state = 'sealed', merged_key = null, merged_id = null where run = ${target.run}`).run(trx);
    }
    return moved;
  });
}

/**
 * Retention: plate rows before `bound` leave their runs. A sealed run wholly before it is dropped with its table;
 * a run that straddles it loses those rows. Runs in a merge keep their tables until the merge ends.
 */
export async function deletePlateRowsBefore(trx: Kysely<unknown>, bound: number): Promise<void> {
  for (const r of await runs(trx)) {
    if (r.min_id >= bound) continue;
    if (r.max_id < bound && r.state === 'sealed' && r.merging_into === null) {
      await new SqlText('sqlite').add(`drop table ${runTable(r.run)}`).run(trx);
      await new SqlText('sqlite').add(`delete from vehicle_event_plate_runs where run = ${r.run}`).run(trx);
      continue;
    }
    const q = new SqlText('sqlite');
    await q.add(`delete from ${runTable(r.run)} where id < ${q.p(bound)}`).run(trx);
    await recount(trx, r.run);
  }
}

async function recount(db: QueryRunner, run: number): Promise<void> {
  const t = runTable(run);
  await new SqlText('sqlite').add(`update vehicle_event_plate_runs set rows = (select count(*) from ${t}),
    min_id = coalesce((select min(id) from ${t}), ${Number.MAX_SAFE_INTEGER}), max_id = coalesce((select max(id) from ${t}), 0) where run = ${Math.trunc(run)}`).run(db);
}

/** Runs, rows (a merge's sources keep their rows until it ends: the target is not counted) and levels (for benchmarks and operators' diagnostics). */
export async function plateRunStats(db: QueryRunner): Promise<{ runs: number; rows: number; levels: Record<number, number>; merging: boolean }> {
  const all = await runs(db);
  const levels: Record<number, number> = {};
  for (const r of all) levels[r.level] = (levels[r.level] ?? 0) + 1;
  return { runs: all.length, rows: all.reduce((s, r) => s + (r.state === 'target' ? 0 : r.rows), 0), levels, merging: all.some((r) => r.state === 'target') };
}

/** Deletes plate rows from `fromId` on in every run and makes the counts true again (a benchmark's clean-up). */
export async function deletePlateRowsFrom(db: Kysely<unknown>, fromId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const r of await runs(trx)) {
      const q = new SqlText('sqlite');
      await q.add(`delete from ${runTable(r.run)} where id >= ${q.p(fromId)}`).run(trx);
      await recount(trx, r.run);
    }
    // Sealed runs left empty go (an empty open run stays open).
    for (const r of await runs(trx)) {
      if (r.rows > 0 || r.state !== 'sealed' || r.merging_into !== null) continue;
      await new SqlText('sqlite').add(`drop table ${runTable(r.run)}`).run(trx);
      await new SqlText('sqlite').add(`delete from vehicle_event_plate_runs where run = ${r.run}`).run(trx);
    }
  });
}
