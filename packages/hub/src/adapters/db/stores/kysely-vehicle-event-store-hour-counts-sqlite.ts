import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { idAt } from './kysely-vehicle-event-store-codes.ts';
import { SqlText, chunks } from './kysely-vehicle-event-store-sql.ts';
import { tallyHourCounts } from './kysely-vehicle-event-store-hour-counts.ts';
import type { CountedRow, HourCounting } from './kysely-vehicle-event-store-hour-counts.ts';

/**
 * Hour counts on SQLite (docs/adr/0006-hour-counts.md; the table is described in `kysely-vehicle-event-store-hour-counts.ts`).
 *
 * An hour is counted once it has *closed*: the hub has received an event 15 minutes past its end and none for that
 * hour in the last 15 minutes (hub receive time, so replayed data behaves like live data). Counting reads the hour's
 * events once, appends its rows at the end of the table (in key order) and marks the hour in
 * `vehicle_event_counted_hours`, in one transaction. An event that arrives for a counted hour (an edge catching up)
 * takes the mark away in its own ingest transaction and is kept in memory as a delta; once the hour is quiet again the
 * deltas are added to its counts (one upsert per code and camera) and it is marked again. Should the process stop
 * in between, the hour stays unmarked (its facets are counted from the events) until an event for it arrives and it
 * is counted afresh. So ingest writes nothing per event for the counts (an upsert per event cost 10–30 % of ingest).
 */
const HOUR_MS = 3_600_000;
const HOUR_IDS = idAt(HOUR_MS);
/** An hour is counted once the hub has received an event this long after its end, and none for it for this long. */
export const COUNT_AFTER_MS = 15 * 60_000;
/** Packs (code, camera key) into one uint32 that sorts in the table's key order: camera keys stay below 2^23. */
const CAMERA_SPAN = 8_388_608;

/** Counts `hour` from its events, replacing what was there, and marks it counted. */
function countHour(raw: SqliteDatabase.Database, hour: number): void {
  // One packed integer per event, sorted: equal (code, camera) pairs become runs (a Map per event cost 2–3× more).
  const packed = Uint32Array.from(raw.prepare(`select (colour_code * 16 + type_code) * ${CAMERA_SPAN} + camera_key from vehicle_events where id >= ? and id < ?`)
    .pluck().all(hour * HOUR_IDS, (hour + 1) * HOUR_IDS) as number[]).sort();
  raw.prepare('delete from vehicle_event_hour_counts where hour = ?').run(hour);
  const insert = raw.prepare('insert into vehicle_event_hour_counts (hour, code, camera_key, n) values (?, ?, ?, ?)');
  for (let i = 0, run = 1; i < packed.length; i++, run++) {
    const k = packed[i]!;
    if (i + 1 < packed.length && packed[i + 1] === k) continue;
    insert.run(hour, Math.floor(k / CAMERA_SPAN), k % CAMERA_SPAN, run);
    run = 0;
  }
  raw.prepare('insert into vehicle_event_counted_hours (hour) values (?) on conflict (hour) do nothing').run(hour);
}

/** Adds a reopened hour's deltas (packed (code, camera) → events) to its counts, and marks it counted again. */
function addDeltas(raw: SqliteDatabase.Database, hour: number, deltas: Map<number, number>): void {
  const upsert = raw.prepare(`insert into vehicle_event_hour_counts (hour, code, camera_key, n) values (?, ?, ?, ?)
    on conflict (hour, code, camera_key) do update set n = n + excluded.n`);
  for (const [k, n] of [...deltas].sort((a, b) => a[0] - b[0])) upsert.run(hour, Math.floor(k / CAMERA_SPAN), k % CAMERA_SPAN, n);
  raw.prepare('insert into vehicle_event_counted_hours (hour) values (?) on conflict (hour) do nothing').run(hour);
}

/** Counts every hour with events in `[fromHour, toHour)` (retention's cut hour). */
export function countHours(raw: SqliteDatabase.Database, fromHour: number, toHour: number): void {
  const hours = raw.prepare(`select distinct id / ${HOUR_IDS} from vehicle_events where id >= ? and id < ?`).pluck().all(fromHour * HOUR_IDS, toHour * HOUR_IDS) as number[];
  for (const hour of hours) countHour(raw, hour);
}

export function createSqliteHourCounting(raw: SqliteDatabase.Database): HourCounting {
  let counted: Set<number> | null = null;
  /** Hours with events that are not counted, and the hub time of their latest event. */
  const waiting = new Map<number, number>();
  /** Hours whose mark this process took away (late events), with what arrived for them since: added when quiet. */
  const deltas = new Map<number, Map<number, number>>();
  /** The latest receive time the hub has seen: its clock, as the data tells it. */
  let now = 0;
  async function load(db: Kysely<unknown>): Promise<Set<number>> {
    if (counted) return counted;
    const marks = (await new SqlText('sqlite').add('select hour from vehicle_event_counted_hours').run<{ hour: number }>(db)).map((r) => Number(r.hour));
    // Hours after the last counted one wait (normally the last hour or two before a restart). An older hour left
    // uncounted by a stop (an event arrived for it after it was counted) is found when its next event arrives;
    // until then its facets are counted from the events: slower, never wrong.
    const after = marks.length ? Math.max(...marks) + 1 : 0;
    const q = new SqlText('sqlite');
    q.add(`select distinct id / ${HOUR_IDS} as hour from vehicle_events where id >= ${q.p(after * HOUR_IDS)}`);
    for (const r of await q.run<{ hour: number }>(db)) waiting.set(Number(r.hour), 0);
    counted ??= new Set(marks);
    return counted;
  }
  return {
    async add(trx, rows: readonly CountedRow[], receivedMs) {
      const done = await load(trx);
      now = Math.max(now, receivedMs);
      const hours = new Set<number>();
      // Events for a counted hour (or one reopened by this process) are kept as deltas to its counts.
      const late = new Map<number, Map<number, number>>();
      for (const r of rows) {
        const hour = Math.floor(r.id / HOUR_IDS);
        hours.add(hour);
        if (!done.has(hour) && !deltas.has(hour)) continue;
        let d = late.get(hour);
        if (!d) late.set(hour, (d = new Map()));
        const k = (r.colourCode * 16 + r.typeCode) * CAMERA_SPAN + r.cameraKey;
        d.set(k, (d.get(k) ?? 0) + 1);
      }
      const reopened = [...late.keys()].filter((h) => done.has(h));
      for (const chunk of chunks(reopened, 500)) {
        const q = new SqlText('sqlite');
        await q.add(`delete from vehicle_event_counted_hours where hour in ${q.list(chunk)}`).run(trx);
      }
      const at = now;
      return () => {
        for (const h of hours) waiting.set(h, at);
        for (const h of reopened) {
          done.delete(h);
          deltas.set(h, new Map());
        }
        for (const [h, d] of late) {
          const into = deltas.get(h)!;
          for (const [k, n] of d) into.set(k, (into.get(k) ?? 0) + n);
        }
      };
    },
    async countClosed(db) {
      const done = await load(db);
      const closed = [...waiting].filter(([h, last]) => (h + 1) * HOUR_MS + COUNT_AFTER_MS <= now && last + COUNT_AFTER_MS <= now).map(([h]) => h).sort((a, b) => a - b);
      for (const hour of closed) {
        const d = deltas.get(hour);
        // On the store's own connection, inside a transaction Kysely holds (so nothing interleaves). A reopened hour
        // adds the deltas this process kept since it took the mark away; any other hour is counted from its events.
        await db.transaction().execute(async () => (d ? addDeltas(raw, hour, d) : countHour(raw, hour)));
        done.add(hour);
        waiting.delete(hour);
        deltas.delete(hour);
      }
      return closed.length;
    },
    async countedHours(db, first, end) {
      // From the marks, in the caller's transaction: what the store remembers is updated only after a commit.
      const q = new SqlText('sqlite');
      q.add(`select hour from vehicle_event_counted_hours where hour >= ${q.p(first)} and hour < ${q.p(end)} order by hour`);
      return (await q.run<{ hour: number }>(db)).map((r) => Number(r.hour));
    },
    tally: (db, hours, codes, cameraKeys, tally) => tallyHourCounts(db, 'sqlite', raw, hours, codes, cameraKeys, tally),
    async deleteBefore(trx, ms) {
      const cut = Math.floor(ms / HOUR_MS);
      const partial = ms % HOUR_MS !== 0;
      // The hour the cut falls into goes too, and is counted again from what is left, if anything (on the
      // connection `trx` holds).
      for (const table of ['vehicle_event_hour_counts', 'vehicle_event_counted_hours']) {
        const q = new SqlText('sqlite');
        await q.add(`delete from ${table} where hour < ${q.p(partial ? cut + 1 : cut)}`).run(trx);
      }
      if (partial) countHours(raw, cut, cut + 1);
    },
    forgetBefore(ms) {
      const cut = Math.floor(ms / HOUR_MS);
      for (const h of counted ?? []) if (h < cut) counted!.delete(h);
      for (const h of [...waiting.keys(), ...deltas.keys()]) {
        if (h > cut || (h === cut && ms % HOUR_MS === 0)) continue;
        waiting.delete(h);
        deltas.delete(h);
      }
      // The hour the cut fell into was counted again (or has no events left): later events for it are deltas.
      if (ms % HOUR_MS !== 0) counted?.add(cut);
    },
  };
}
