import type { Kysely } from 'kysely';
import { EVENT_COLUMNS } from './kysely-vehicle-event-store-codes.ts';
import { SqlText } from './kysely-vehicle-event-store-sql.ts';
import type { QueryRunner } from './kysely-vehicle-event-store-sql.ts';

/**
 * Plate runs on SQLite (docs/adr/0005-plate-runs.md): the plate rows as a small log-structured merge tree.
 *
 * `vehicle_event_plates` is keyed `(run, plate_key, id)`. New plate rows go into the one *open* run, which is small
 * (≤ `sealRows` rows), so its pages stay in the page cache and a group commit rewrites a few thousand of them, not
 * one random leaf of a 30-day index per row. A full open run is sealed (level 0, no rewrite: a run is already a
 * sorted key range). When `fanIn` sealed runs share a level, they are merged into one run of the next level: their
 * rows are read in key order and appended to a new run (a fresh, higher run number, so every write lands at the
 * right edge of the B-tree), `stepRows` at a time, each step one transaction that moves rows from the sources to the
 * target. A plate query names the runs whose time span meets its range (`runsFor`) and seeks each: a row is in
 * exactly one run at every commit, so a query never sees a row twice or misses one.
 *
 * Merges are paced by ingest: after each group commit the store owes `workPerRow` rows of merging per plate row it
 * wrote and pays in whole steps; when no batch is waiting it merges what is left (`idleWork`).
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

export const PLATE_RUNS: PlateRunSettings = { sealRows: 65_536, fanIn: 4, stepRows: 16_384, workPerRow: 6, idleDelayMs: 200 };

type RunState = 'open' | 'sealed' | 'target';
interface RunRow { run: number; level: number; state: RunState; rows: number; min_id: number; max_id: number; merging_into: number | null }

/** The columns a plate row holds after `run`, in table order. */
const PLATE_ROW_COLUMNS = ['plate_key', ...EVENT_COLUMNS] as const;

async function runs(db: QueryRunner): Promise<RunRow[]> {
  const rows = await new SqlText('sqlite').add('select run, level, state, rows, min_id, max_id, merging_into from vehicle_event_plate_runs order by run').run<RunRow>(db);
  return rows.map((r) => ({ ...r, run: Number(r.run), rows: Number(r.rows), min_id: Number(r.min_id), max_id: Number(r.max_id) }));
}

/**
 * The open run to write into (created if there is none), inside the ingest transaction. `note` records what was
 * written: the run's count and time span grow, and it is sealed once full (true).
 */
export async function openRun(trx: Kysely<unknown>, settings: PlateRunSettings = PLATE_RUNS): Promise<{ run: number; note(rows: number, minId: number, maxId: number): Promise<boolean> }> {
  let open = (await new SqlText('sqlite').add(`select run from vehicle_event_plate_runs where state = 'open'`).run<{ run: number }>(trx))[0]?.run;
  if (open === undefined) {
    const q = new SqlText('sqlite').add(`insert into vehicle_event_plate_runs (run, level, state, rows, min_id, max_id)
      select coalesce(max(run), 0) + 1, 0, 'open', 0, ${Number.MAX_SAFE_INTEGER}, 0 from vehicle_event_plate_runs returning run`);
    open = (await q.run<{ run: number }>(trx))[0]!.run;
  }
  const run = Number(open);
  return {
    run,
    async note(rows, minId, maxId) {
      const q = new SqlText('sqlite');
      q.add(`update vehicle_event_plate_runs set rows = rows + ${q.p(rows)}, min_id = min(min_id, ${q.p(minId)}), max_id = max(max_id, ${q.p(maxId)}),
        state = case when rows + ${q.p(rows)} >= ${q.p(settings.sealRows)} then 'sealed' else state end where run = ${q.p(run)} returning state`);
      return (await q.run<{ state: RunState }>(trx))[0]?.state === 'sealed';
    },
  };
}

/** `run in (…)`: the runs whose rows may fall in [fromId, toId). Read in the query's own statement, so it is consistent with the rows. */
export function runsFor(q: SqlText, fromId: number, toId: number): string {
  return `run in (select run from vehicle_event_plate_runs where max_id >= ${q.p(fromId)} and min_id < ${q.p(toId)})`;
}

/** The merge in progress, or a new one when `fanIn` sealed runs share a level (lowest level first); null: nothing to merge. */
async function currentMerge(db: Kysely<unknown>, fanIn: number): Promise<{ target: number; sources: number[] } | null> {
  const all = await runs(db);
  const target = all.find((r) => r.state === 'target');
  if (target) return { target: target.run, sources: all.filter((r) => r.merging_into === target.run).map((r) => r.run) };
  const byLevel = new Map<number, RunRow[]>();
  for (const r of all) if (r.state === 'sealed') byLevel.set(r.level, [...(byLevel.get(r.level) ?? []), r]);
  const level = [...byLevel.keys()].sort((a, b) => a - b).find((l) => byLevel.get(l)!.length >= fanIn);
  if (level === undefined) return null;
  const sources = byLevel.get(level)!.slice(0, fanIn);
  return db.transaction().execute(async (trx) => {
    const q = new SqlText('sqlite');
    q.add(`insert into vehicle_event_plate_runs (run, level, state, rows, min_id, max_id)
      select max(run) + 1, ${q.p(level + 1)}, 'target', 0, ${q.p(Math.min(...sources.map((s) => s.min_id)))}, ${q.p(Math.max(...sources.map((s) => s.max_id)))}
      from vehicle_event_plate_runs returning run`);
    const made = Number((await q.run<{ run: number }>(trx))[0]!.run);
    const u = new SqlText('sqlite');
    await u.add(`update vehicle_event_plate_runs set merging_into = ${u.p(made)} where run in ${u.list(sources.map((s) => s.run))}`).run(trx);
    return { target: made, sources: sources.map((s) => s.run) };
  });
}

/**
 * One merge step, in one transaction: the next `limit` rows of the sources in key order are appended to the target
 * and deleted from the sources; a merge whose sources are empty is finished. Returns the rows moved, or null when
 * there was nothing to merge.
 */
export async function mergeStep(db: Kysely<unknown>, settings: PlateRunSettings = PLATE_RUNS): Promise<number | null> {
  const merge = await currentMerge(db, settings.fanIn);
  const limit = settings.stepRows;
  if (!merge) return null;
  // Run numbers and the limit are integers of this module's own making, written into the text.
  const target = Math.trunc(merge.target);
  return db.transaction().execute(async (trx) => {
    const cols = PLATE_ROW_COLUMNS.join(', ');
    // A compound SELECT with ORDER BY is answered by merging the sources' ordered scans (no sort).
    const parts = merge.sources.map((s) => `select ${cols} from vehicle_event_plates where run = ${Math.trunc(s)}`);
    const moved = parts.length === 0 ? 0 : await new SqlText('sqlite')
      .add(`insert into vehicle_event_plates (run, ${cols}) select ${target}, ${cols} from (${parts.join(' union all ')} order by plate_key, id limit ${Math.trunc(limit)})`)
      .affected(trx);
    if (moved > 0) {
      const last = (await new SqlText('sqlite').add(`select plate_key, id from vehicle_event_plates where run = ${target} order by plate_key desc, id desc limit 1`)
        .run<{ plate_key: string; id: number }>(trx))[0]!;
      for (const s of merge.sources) {
        const d = new SqlText('sqlite');
        await d.add(`delete from vehicle_event_plates where run = ${Math.trunc(s)} and (plate_key, id) <= (${d.p(last.plate_key)}, ${d.p(last.id)})`).run(trx);
      }
      await new SqlText('sqlite').add(`update vehicle_event_plate_runs set rows = rows + ${moved} where run = ${target}`).run(trx);
    }
    if (moved < limit) {
      // The sources are empty: the target becomes an ordinary sealed run of its level.
      await new SqlText('sqlite').add(`delete from vehicle_event_plate_runs where merging_into = ${target}`).run(trx);
      await new SqlText('sqlite').add(`update vehicle_event_plate_runs set state = 'sealed' where run = ${target}`).run(trx);
    }
    return moved;
  });
}

/** Retention: plate rows before `bound` leave their runs (a run wholly before it is dropped as one key range); empty sealed runs go. */
export async function deletePlateRowsBefore(trx: Kysely<unknown>, bound: number): Promise<void> {
  for (const r of await runs(trx)) {
    if (r.min_id >= bound) continue;
    const q = new SqlText('sqlite');
    const whole = r.max_id < bound;
    const n = await q.add(`delete from vehicle_event_plates where run = ${q.p(r.run)}${whole ? '' : ` and id < ${q.p(bound)}`}`).affected(trx);
    const u = new SqlText('sqlite');
    if (whole && r.state === 'sealed' && r.merging_into === null) {
      await u.add(`delete from vehicle_event_plate_runs where run = ${u.p(r.run)}`).run(trx);
      continue;
    }
    const left = whole ? null : (await new SqlText('sqlite').add(`select min(id) as lo from vehicle_event_plates where run = ${r.run}`).run<{ lo: number | null }>(trx))[0]?.lo;
    u.add(`update vehicle_event_plate_runs set rows = max(0, rows - ${u.p(n)}), min_id = ${u.p(left === null || left === undefined ? Math.max(r.min_id, bound) : Number(left))} where run = ${u.p(r.run)}`);
    await u.run(trx);
  }
}

/** Runs, rows and levels (for benchmarks and operators' diagnostics). */
export async function plateRunStats(db: QueryRunner): Promise<{ runs: number; rows: number; levels: Record<number, number>; merging: boolean }> {
  const all = await runs(db);
  const levels: Record<number, number> = {};
  for (const r of all) levels[r.level] = (levels[r.level] ?? 0) + 1;
  return { runs: all.length, rows: all.reduce((s, r) => s + r.rows, 0), levels, merging: all.some((r) => r.state === 'target') };
}

/** Counts, time spans and states made true again after rows were removed outside this module (a benchmark's clean-up). */
export async function recountPlateRuns(db: QueryRunner): Promise<void> {
  await new SqlText('sqlite').add(`update vehicle_event_plate_runs set
    rows = (select count(*) from vehicle_event_plates p where p.run = vehicle_event_plate_runs.run),
    min_id = coalesce((select min(id) from vehicle_event_plates p where p.run = vehicle_event_plate_runs.run), ${Number.MAX_SAFE_INTEGER}),
    max_id = coalesce((select max(id) from vehicle_event_plates p where p.run = vehicle_event_plate_runs.run), 0)`).run(db);
}
