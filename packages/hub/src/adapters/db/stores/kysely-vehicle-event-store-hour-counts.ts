import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { VehicleEventQuery } from '../../../features/vehicle-events/vehicle-event.store.ts';
import type { DialectName } from '../database.ts';
import { ALL_COLOUR_CODES, ALL_TYPE_CODES, colourCode, idAt, typeCode } from './kysely-vehicle-event-store-codes.ts';
import { SqlText, chunks } from './kysely-vehicle-event-store-sql.ts';

/**
 * Hour counts (migration 0009, docs/adr/0006-hour-counts.md): `vehicle_event_hour_counts (hour, code, camera_key, n)`,
 * how many events each camera saw in each UTC hour (the hour number since the epoch) with each colour/type code
 * (`colour_code * 16 + type_code`), keyed in that order: a facet search names its hours and usually one code, and
 * new rows go to the end. The facets of a search that filters only by time, place, colour and type read the
 * *counted* whole hours from here instead of counting every matching event; the partial hours at the ends of the
 * range, and hours not counted yet, are counted from the events. When an hour is counted (`HourCounting`):
 * - PostgreSQL (this file): always. Ingest adds its events in its own transaction, one upsert per hour, code and
 *   camera, which several hub instances can run at once without losing a count.
 * - SQLite (`kysely-vehicle-event-store-hour-counts-sqlite.ts`): once the hour has closed, written in one pass, so
 *   ingest pays nothing per event.
 */
export const HOUR_MS = 3_600_000;
const HOUR_IDS = idAt(HOUR_MS);
const ROWS_PER_STATEMENT = 500;

/** Facet counts being added up: by colour code, type code, UTC hour of day and camera key. */
export class FacetTally {
  total = 0;
  readonly colour = new Array<number>(16).fill(0);
  readonly type = new Array<number>(16).fill(0);
  readonly hour = new Array<number>(24).fill(0);
  readonly camera = new Map<number, number>();
  add(hourOfDay: number, colourCode: number, typeCode: number, cameraKey: number, n: number): void {
    this.total += n;
    this.colour[colourCode]! += n;
    this.type[typeCode]! += n;
    this.hour[hourOfDay]! += n;
    this.camera.set(cameraKey, (this.camera.get(cameraKey) ?? 0) + n);
  }
}

/** The event columns the counts are made of (positions in an ingest row's values, see `rowValues`). */
export interface CountedRow { id: number; cameraKey: number; colourCode: number; typeCode: number }

/** Adds newly stored events to their hours' counts (one upsert per distinct hour, code and camera, in key order). */
async function addHourCounts(trx: Kysely<unknown>, dialect: DialectName, rows: readonly CountedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const counts = new Map<string, { camera: number; hour: number; code: number; n: number }>();
  for (const r of rows) {
    const hour = Math.floor(r.id / HOUR_IDS);
    const code = r.colourCode * 16 + r.typeCode;
    const k = `${hour}:${code}:${r.cameraKey}`;
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { camera: r.cameraKey, hour, code, n: 1 });
  }
  const sorted = [...counts.values()].sort((a, b) => a.hour - b.hour || a.code - b.code || a.camera - b.camera);
  for (const chunk of chunks(sorted, ROWS_PER_STATEMENT)) {
    const q = new SqlText(dialect).add('insert into vehicle_event_hour_counts (hour, code, camera_key, n) values ');
    q.add(chunk.map((c) => `(${q.p(c.hour)}, ${q.p(c.code)}, ${q.p(c.camera)}, ${q.p(c.n)})`).join(', '));
    q.add(' on conflict (hour, code, camera_key) do update set n = vehicle_event_hour_counts.n + excluded.n');
    await q.run(trx);
  }
}

/** When hours are counted and how their counts are kept; the store has one for its database. */
export interface HourCounting {
  /** In the ingest transaction, with the newly stored rows. Returns what to remember once the transaction has committed. */
  add(trx: Kysely<unknown>, rows: readonly CountedRow[], receivedMs: number): Promise<() => void>;
  /** Between group commits: counts the hours that are due; returns how many. */
  countClosed(db: Kysely<unknown>): Promise<number>;
  /** The counted hours in `[first, end)`, ascending, as the caller's transaction sees them. */
  countedHours(db: Kysely<unknown>, first: number, end: number): Promise<number[]>;
  /** Adds the counts of `hours` (counted, ascending) for `codes` (null: all) and `cameraKeys` (null: all) to `tally`, in the caller's transaction. */
  tally(db: Kysely<unknown>, hours: readonly number[], codes: readonly number[] | null, cameraKeys: readonly number[] | null, tally: FacetTally): Promise<void>;
  /** Retention, in its transaction: drops the counts before `ms` and counts the hour it cuts into again. */
  deleteBefore(trx: Kysely<unknown>, ms: number): Promise<void>;
  /** After retention committed. */
  forgetBefore(ms: number): void;
}

/** PostgreSQL's hour counts: upserted at ingest, so every hour is counted. */
export function createPostgresHourCounting(): HourCounting {
  const dialect = 'postgres';
  return {
    async add(trx, rows) { await addHourCounts(trx, dialect, rows); return () => {}; },
    countClosed: async () => 0,
    countedHours: async (_db, first, end) => Array.from({ length: end - first }, (_, i) => first + i),
    tally: (db, hours, codes, cameraKeys, tally) => tallyHourCounts(db, dialect, null, hours, codes, cameraKeys, tally),
    deleteBefore: (trx, ms) => deleteHourCountsBefore(trx, dialect, ms),
    forgetBefore() {},
  };
}

/** Counts the hours `[fromHour, toHour)` again from the events (after a delete that cut into them, or once closed). */
async function recountHours(trx: Kysely<unknown>, dialect: DialectName, fromHour: number, toHour: number): Promise<void> {
  const del = new SqlText(dialect);
  await del.add(`delete from vehicle_event_hour_counts where hour >= ${del.p(fromHour)} and hour < ${del.p(toHour)}`).run(trx);
  const q = new SqlText(dialect);
  q.add(`insert into vehicle_event_hour_counts (hour, code, camera_key, n)
    select id / ${HOUR_IDS}, colour_code * 16 + type_code, camera_key, count(*) from vehicle_events
    where id >= ${q.p(fromHour * HOUR_IDS)} and id < ${q.p(toHour * HOUR_IDS)} group by 1, 2, 3`);
  await q.run(trx);
}

/** Retention: drops the counts of hours wholly before `ms` and recounts the hour that `ms` cuts into. */
async function deleteHourCountsBefore(trx: Kysely<unknown>, dialect: DialectName, ms: number): Promise<void> {
  const cutHour = Math.floor(ms / HOUR_MS);
  const q = new SqlText(dialect);
  await q.add(`delete from vehicle_event_hour_counts where hour < ${q.p(cutHour)}`).run(trx);
  if (ms % HOUR_MS !== 0) await recountHours(trx, dialect, cutHour, cutHour + 1);
}

/** Whether the hour counts can answer this query's facets: only time, cameras, colours and types filter it. */
export function hourCountsAnswer(query: VehicleEventQuery): boolean {
  return !query.plate && !query.direction && !query.sources?.length && !(query.minConfidence !== undefined && query.colours?.length);
}

/** The whole hours inside `[fromMs, toMs)` as hour numbers `[first, end)`, or null when there is none. */
export function wholeHours(fromMs: number, toMs: number): { first: number; end: number } | null {
  const first = Math.ceil(fromMs / HOUR_MS);
  const end = Math.floor(toMs / HOUR_MS);
  return end > first ? { first, end } : null;
}

/** Camera keys below this fit a packed facet key (2^24 refs; 24 hours × 256 codes × 2^24 × 2^16 stays below 2^53). */
export const CAMERA_SPAN = 16_777_216;
// SQLite reads each count as one packed integer — (hour of day, code, camera key, n) — because turning rows into JS
// objects cost more than reading them (6,844 rows of a 12-camera day: objects ~8 ms, packed integers ~3 ms, under load).
const N_SPAN = 65_536;

/**
 * Adds the counts of `hours` (ascending) for `codes` (null: every code) and `cameraKeys` (null: every camera) to
 * `tally`. A few codes are read by one seek per (hour, code), a camera's rows of the others are skipped; every code
 * by a range over the hours. `sqlite`: the raw connection, used only while the caller holds it (its transaction).
 */
export async function tallyHourCounts(db: Kysely<unknown>, dialect: DialectName, sqlite: SqliteDatabase.Database | null, hours: readonly number[],
  codes: readonly number[] | null, cameraKeys: readonly number[] | null, tally: FacetTally): Promise<void> {
  if (hours.length === 0) return;
  const where = new SqlText(dialect);
  const contiguous = hours.at(-1)! - hours[0]! + 1 === hours.length;
  where.add(contiguous && !codes ? `hour >= ${where.p(hours[0])} and hour <= ${where.p(hours.at(-1))}` : where.inList('hour', hours, 'integer'));
  if (codes) where.add(` and ${where.inList('code', codes, 'integer')}`);
  // SQLite: the area's cameras are picked out of each (hour, code) run, not sought one by one (`+` keeps the index off).
  if (cameraKeys) where.add(` and ${where.inList(dialect === 'sqlite' ? '+camera_key' : 'camera_key', cameraKeys, 'integer')}`);
  if (sqlite) {
    const packed = sqlite.prepare(`select (((hour % 24) * 256 + code) * ${CAMERA_SPAN} + camera_key) * ${N_SPAN} + min(n, ${N_SPAN - 1})
      from vehicle_event_hour_counts where ${where.text}`).pluck().all(...where.params) as number[];
    // A count too large to pack (65,535 vehicles of one colour and type at one camera in one hour) is read as a row.
    if (!packed.some((k) => k % N_SPAN === N_SPAN - 1)) {
      for (const k of packed) {
        const rest = Math.floor(k / N_SPAN);
        const code = Math.floor(rest / CAMERA_SPAN) % 256;
        tally.add(Math.floor(rest / CAMERA_SPAN / 256), code >> 4, code & 15, rest % CAMERA_SPAN, k % N_SPAN);
      }
      return;
    }
  }
  const q = new SqlText(dialect).add('select hour, code, camera_key, n from vehicle_event_hour_counts where ').add(where.text);
  q.params.push(...where.params);
  for (const r of await q.run<{ hour: number; code: number; camera_key: number; n: number }>(db)) {
    const code = Number(r.code);
    tally.add(Number(r.hour) % 24, code >> 4, code & 15, Number(r.camera_key), Number(r.n));
  }
}

/** The colour/type codes a query asks for; null: every code. */
export function queryCodes(query: VehicleEventQuery): number[] | null {
  if (!query.colours?.length && !query.types?.length) return null;
  const colours = query.colours?.length ? query.colours.map(colourCode) : ALL_COLOUR_CODES;
  const types = query.types?.length ? query.types.map(typeCode) : ALL_TYPE_CODES;
  return colours.flatMap((c) => types.map((t) => c * 16 + t));
}
