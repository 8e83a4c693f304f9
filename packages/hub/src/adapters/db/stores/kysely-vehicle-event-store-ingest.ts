import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { VehicleEvent } from '@camnet/core';
import { plateKey } from '@camnet/core';
import type { DialectName } from '../database.ts';
import { EVENT_COLUMNS, ID_SLOTS, colourCode, encodePlateRead, idAt, nextSlotId, preferredSlot, sourceCode, typeCode } from './kysely-vehicle-event-store-codes.ts';
import { SqlText, chunks } from './kysely-vehicle-event-store-sql.ts';
import { deletePlateRowsBefore, openRun } from './kysely-vehicle-event-store-plate-runs.ts';
import type { PlateRunSettings } from './kysely-vehicle-event-store-plate-runs.ts';
import type { CountedRow, HourCounting } from './kysely-vehicle-event-store-hour-counts.ts';

const DAY_MS = 86_400_000;
const ROWS_PER_STATEMENT = 500;

interface Pending {
  id: number;
  edgeKey: number;
  event: VehicleEvent;
  values: unknown[];
  /** Which batch of a group commit the row came from (for per-batch results). */
  batch: number;
}

function rowValues(id: number, edgeKey: number, cameraKey: number, e: VehicleEvent, receivedMs: number): unknown[] {
  const plateRead = e.plate ? encodePlateRead({ chars: e.plate.chars, alternates: e.plate.alternates }) : null;
  return [id, edgeKey, e.localId, cameraKey, Date.parse(e.endedAt), receivedMs, typeCode(e.type), colourCode(e.colour), e.colourConfidence,
    colourCode(e.colourAlt), e.plate?.text ?? null, e.plate?.confidence ?? null, plateRead, e.direction, JSON.stringify(e.box), sourceCode(e.source)];
}

/** What the hour counts need of a stored row (positions in `rowValues`). */
export function countedRow(r: Pending): CountedRow {
  return { id: r.id, cameraKey: r.values[3] as number, typeCode: r.values[6] as number, colourCode: r.values[7] as number };
}

/**
 * SQLite: the ingest inserts as single-row statements prepared once, run on the store's own connection inside the
 * transaction Kysely holds (nothing interleaves: they are synchronous). better-sqlite3 binds and steps each in C;
 * 500-row VALUES statements cost more to bind, their `returning` rows more to collect, and each group's odd-sized
 * last chunk a fresh parse of a statement with thousands of placeholders.
 */
export function createSqliteInserts(raw: SqliteDatabase.Database) {
  const placeholders = EVENT_COLUMNS.map(() => '?').join(', ');
  // Prepared at the first insert (a store may be made before the migrations have run).
  let eventInsert: SqliteDatabase.Statement | null = null;
  // The open plate run's table changes when it is sealed: one statement, for the latest table.
  let plateInsert: { table: string; statement: SqliteDatabase.Statement } | null = null;
  return {
    /** Inserts an event row (values in `EVENT_COLUMNS` order) unless its id is taken; true when it went in. */
    event(values: readonly unknown[]): boolean {
      eventInsert ??= raw.prepare(`insert into vehicle_events (${EVENT_COLUMNS.join(', ')}) values (${placeholders}) on conflict (id) do nothing`);
      return eventInsert.run(values).changes === 1;
    },
    /** The insert of plate rows into `table`: the key, then the event's values. */
    plateInsert(table: string): SqliteDatabase.Statement {
      if (plateInsert?.table !== table) {
        plateInsert = { table, statement: raw.prepare(`insert into ${table} (plate_key, ${EVENT_COLUMNS.join(', ')}) values (?, ${placeholders})`) };
      }
      return plateInsert.statement;
    },
  };
}
export type SqliteInserts = ReturnType<typeof createSqliteInserts>;

/** Inserts rows ignoring id conflicts; returns the ids that went in. */
async function insertIgnoring(trx: Kysely<unknown>, dialect: DialectName, rows: Pending[], sqliteInserts: SqliteInserts | null): Promise<Set<number>> {
  const inserted = new Set<number>();
  if (sqliteInserts) {
    for (const r of rows) if (sqliteInserts.event(r.values)) inserted.add(r.id);
    return inserted;
  }
  for (const chunk of chunks(rows, ROWS_PER_STATEMENT)) {
    const q = new SqlText(dialect).add(`insert into vehicle_events (${EVENT_COLUMNS.join(', ')}) values `);
    q.add(chunk.map((r) => `(${r.values.map((v) => q.p(v)).join(', ')})`).join(', '));
    q.add(' on conflict (id) do nothing returning id');
    for (const r of await q.run<{ id: number | string }>(trx)) inserted.add(Number(r.id));
  }
  return inserted;
}

/** Who holds each id now: (edge key, local id) of the rows already there. */
async function holders(trx: Kysely<unknown>, dialect: DialectName, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const chunk of chunks(ids, ROWS_PER_STATEMENT)) {
    const q = new SqlText(dialect);
    q.add(`select id, edge_key, local_id from vehicle_events where id in ${q.list(chunk)}`);
    for (const r of await q.run<{ id: number; edge_key: number; local_id: string }>(trx)) out.set(Number(r.id), `${r.edge_key}:${r.local_id}`);
  }
  return out;
}

/**
 * Inserts events with linear probing inside each millisecond: a conflict on an id held by the same
 * (edge, localId) is a duplicate; held by another event, the next slot is tried. Rows go in id order (appends
 * stay at the right edge of each index), and a repeat of an identity within the rows is a duplicate before any
 * insert (a retried batch can arrive in the same group commit as the original).
 */
export async function insertEvents(trx: Kysely<unknown>, dialect: DialectName, rows: Pending[], sqliteInserts: SqliteInserts | null): Promise<{ stored: Pending[]; duplicates: Pending[] }> {
  const stored: Pending[] = [];
  const duplicates: Pending[] = [];
  const first = new Set<string>();
  let todo = rows.filter((r) => {
    const identity = `${r.edgeKey}:${r.event.localId}`;
    if (first.has(identity)) {
      duplicates.push(r);
      return false;
    }
    first.add(identity);
    return true;
  }).sort((a, b) => a.id - b.id);
  for (let round = 0; todo.length > 0; round++) {
    if (round > ID_SLOTS) throw new Error('vehicle event id slots exhausted for one millisecond');
    const inserted = await insertIgnoring(trx, dialect, todo, sqliteInserts);
    // Two rows of this round probing the same id: only the first went in.
    const claimed = new Set<number>();
    const refused: Pending[] = [];
    for (const r of todo) {
      if (inserted.has(r.id) && !claimed.has(r.id)) {
        claimed.add(r.id);
        stored.push(r);
      } else refused.push(r);
    }
    if (refused.length === 0) break;
    const held = await holders(trx, dialect, [...new Set(refused.map((r) => r.id))]);
    todo = [];
    for (const r of refused) {
      if (held.get(r.id) === `${r.edgeKey}:${r.event.localId}`) duplicates.push(r);
      else {
        r.id = nextSlotId(r.id);
        r.values[0] = r.id;
        todo.push(r);
      }
    }
  }
  return { stored, duplicates };
}

/** Builds the pending rows for one batch (ids at each event's preferred slot). */
export function pendingRows(edgeKey: number, cameraKeys: Map<string, number>, events: VehicleEvent[], receivedMs: number, batch = 0): Pending[] {
  return events.map((event) => {
    const id = idAt(Date.parse(event.startedAt)) + preferredSlot(edgeKey, event.localId);
    return { id, edgeKey, event, values: rowValues(id, edgeKey, cameraKeys.get(event.cameraId)!, event, receivedMs), batch };
  });
}

/**
 * Adds the plate rows (the whole event, keyed by plate) and the media rows of newly stored events. On SQLite the plate
 * rows go into the open plate run (see `kysely-vehicle-event-store-plate-runs.ts`). Returns how many plate rows went in and whether
 * that sealed the open run.
 */
export async function insertSideRows(trx: Kysely<unknown>, dialect: DialectName, stored: Pending[], sqliteInserts: SqliteInserts | null, plateRuns?: PlateRunSettings): Promise<{ plated: number; sealed: boolean }> {
  // In key order: neighbouring keys share leaves, so the inserts walk the open run once, left to right.
  const plated = stored.filter((r) => r.event.plate).map((r) => ({ key: plateKey(r.event.plate!.text), r }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.r.id - b.r.id));
  const run = sqliteInserts && plated.length > 0 ? await openRun(trx, plateRuns) : null;
  let sealed = false;
  if (run) {
    const insert = sqliteInserts!.plateInsert(run.table);
    for (const { key, r } of plated) insert.run(key, r.values);
  } else for (const chunk of chunks(plated, ROWS_PER_STATEMENT)) {
    const q = new SqlText(dialect).add(`insert into vehicle_event_plates (plate_key, ${EVENT_COLUMNS.join(', ')}) values `);
    q.add(chunk.map(({ key, r }) => `(${q.p(key)}, ${r.values.map((v) => q.p(v)).join(', ')})`).join(', '));
    await q.run(trx);
  }
  if (run) {
    let [lo, hi] = [Infinity, -Infinity];
    for (const { r } of plated) [lo, hi] = [Math.min(lo, r.id), Math.max(hi, r.id)];
    sealed = await run.note(plated.length, lo, hi);
  }
  const media = stored.filter((r) => r.event.thumbnailJpegBase64 || r.event.plateCropJpegBase64);
  for (const chunk of chunks(media, 50)) {
    const q = new SqlText(dialect).add('insert into vehicle_event_media (id, thumbnail, plate_crop) values ');
    q.add(chunk.map((r) => `(${q.p(r.id)}, ${q.p(r.event.thumbnailJpegBase64 ?? null)}, ${q.p(r.event.plateCropJpegBase64 ?? null)})`).join(', '));
    await q.run(trx);
  }
  return { plated: plated.length, sealed };
}

/** PostgreSQL: creates the day partitions a batch needs (serialised by an advisory lock). Returns the days made sure of. */
export async function ensureDayPartitions(trx: Kysely<unknown>, events: VehicleEvent[], known: Set<number>): Promise<number[]> {
  const days = [...new Set(events.map((e) => Math.floor(Date.parse(e.startedAt) / DAY_MS)))].filter((d) => !known.has(d));
  if (days.length === 0) return [];
  await new SqlText('postgres').add('select pg_advisory_xact_lock(720002)').run(trx);
  for (const day of days) {
    const name = new Date(day * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
    const [from, to] = [idAt(day * DAY_MS), idAt((day + 1) * DAY_MS)];
    for (const table of ['vehicle_events', 'vehicle_event_plates']) {
      await new SqlText('postgres').add(`create table if not exists ${table}_d${name} partition of ${table} for values from (${from}) to (${to})`).run(trx);
    }
  }
  return days;
}

/** Retention. PostgreSQL: day partitions wholly before the cut are dropped (no row-by-row delete); the rest deletes rows. The hour counts follow. */
export async function deleteBefore(db: Kysely<unknown>, dialect: DialectName, ms: number, hourCounting: HourCounting): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let dropped = 0;
    if (dialect === 'postgres') {
      const cut = Math.floor(ms / DAY_MS);
      const parts = await new SqlText('postgres').add(`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
        where p.relname = 'vehicle_events' and p.relnamespace = current_schema()::regnamespace`).run<{ name: string }>(trx);
      for (const { name } of parts) {
        const day = Date.parse(`${name.slice(-8, -4)}-${name.slice(-4, -2)}-${name.slice(-2)}T00:00:00Z`) / DAY_MS;
        if (!(day < cut)) continue;
        dropped += Number((await new SqlText('postgres').add(`select count(*) as n from ${name}`).run<{ n: number }>(trx))[0]!.n);
        await new SqlText('postgres').add(`drop table ${name}, vehicle_event_plates_d${name.slice(-8)}`).run(trx);
      }
    }
    const bound = idAt(ms);
    if (dialect === 'sqlite') await deletePlateRowsBefore(trx, bound);
    for (const table of dialect === 'sqlite' ? ['vehicle_event_media'] : ['vehicle_event_plates', 'vehicle_event_media']) {
      const q = new SqlText(dialect);
      await q.add(`delete from ${table} where id < ${q.p(bound)}`).run(trx);
    }
    const q = new SqlText(dialect);
    const deleted = dropped + (await q.add(`delete from vehicle_events where id < ${q.p(bound)}`).affected(trx));
    await hourCounting.deleteBefore(trx, ms);
    return deleted;
  });
}
