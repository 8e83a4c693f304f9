import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { VehicleEventQuery } from '../../../features/vehicle-events/vehicle-event.store.ts';
import type { DialectName } from '../database.ts';
import { ALL_COLOUR_CODES, ALL_TYPE_CODES, colourCode, idAt, typeCode } from './kysely-vehicle-event-store-codes.ts';
import { SqlText, chunks } from './kysely-vehicle-event-store-sql.ts';

/**
 * Hour counts (migration 0009): how many events each camera saw in each UTC hour, by colour and type —
 * `vehicle_event_hour_counts (camera_key, hour, code, n)` with `code = colour_code * 16 + type_code` and `hour` the
 * hour number since the epoch. The facets of a search that filters only by time, place, colour and type read the
 * *counted* whole hours from here (a few rows a camera-hour) instead of counting every matching event; the partial
 * hours at the ends of the range, and any hour not counted yet, are counted from the events. docs/adr/0006-hour-counts.md.
 *
 * When an hour is counted differs by database (`createHourCounting`):
 * - PostgreSQL: every hour, always: ingest adds its events to their hours in its own transaction (an upsert per
 *   camera, hour and code, which several hub instances can run at once without losing a count).
 * - SQLite (one hub process): an hour is counted once it has *closed* — once the hub has received an event 15 minutes
 *   past its end — by one `GROUP BY` over its events, and marked in `vehicle_event_counted_hours` in the same
 *   transaction. Events that arrive later for a counted hour (an edge catching up) are added to it at ingest. So the
 *   upserts of live traffic, often one row per event for small batches, are not paid at ingest at all.
 * Retention drops the counts and marks before its cut and counts the hour it cuts into again.
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

/** Adds newly stored events to their hours' counts (one upsert per distinct camera, hour and code, in key order). */
export async function addHourCounts(trx: Kysely<unknown>, dialect: DialectName, rows: readonly CountedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const counts = new Map<string, { camera: number; hour: number; code: number; n: number }>();
  for (const r of rows) {
    const hour = Math.floor(r.id / HOUR_IDS);
    const code = r.colourCode * 16 + r.typeCode;
    const k = `${r.cameraKey}:${hour}:${code}`;
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { camera: r.cameraKey, hour, code, n: 1 });
  }
  const sorted = [...counts.values()].sort((a, b) => a.camera - b.camera || a.hour - b.hour || a.code - b.code);
  for (const chunk of chunks(sorted, ROWS_PER_STATEMENT)) {
    const q = new SqlText(dialect).add('insert into vehicle_event_hour_counts (camera_key, hour, code, n) values ');
    q.add(chunk.map((c) => `(${q.p(c.camera)}, ${q.p(c.hour)}, ${q.p(c.code)}, ${q.p(c.n)})`).join(', '));
    q.add(' on conflict (camera_key, hour, code) do update set n = vehicle_event_hour_counts.n + excluded.n');
    await q.run(trx);
  }
}

/** An hour is counted once the hub has received an event this long after its end (SQLite). */
export const COUNT_AFTER_MS = 15 * 60_000;

/** When hours are counted (see the header); the store keeps one for its database. */
export interface HourCounting {
  /** In the ingest transaction: stored rows of counted hours are added to their counts, the others wait for their hour to close. Returns what to remember once the transaction has committed. */
  add(trx: Kysely<unknown>, rows: readonly CountedRow[], receivedMs: number): Promise<() => void>;
  /** Counts the closed hours that wait (each in its own transaction); returns how many were counted. */
  countClosed(db: Kysely<unknown>): Promise<number>;
  /** The counted hours the facets may read from the counts (loads what is counted on first use). */
  countedHours(db: Kysely<unknown>, first: number, end: number): Promise<Set<number>>;
  /** After retention committed a cut at `ms`. */
  forgetBefore(ms: number): void;
}

/** The hours of `rows`, each once. */
const hoursOf = (rows: readonly CountedRow[]) => new Set(rows.map((r) => Math.floor(r.id / HOUR_IDS)));

export function createHourCounting(dialect: DialectName): HourCounting {
  if (dialect === 'postgres') {
    return {
      async add(trx, rows) { await addHourCounts(trx, dialect, rows); return () => {}; },
      countClosed: async () => 0,
      async countedHours(_db, first, end) { return new Set(Array.from({ length: end - first }, (_, i) => first + i)); },
      forgetBefore() {},
    };
  }
  let counted: Set<number> | null = null;
  /** Hours with stored events that are not counted yet (found at load and at ingest). */
  const waiting = new Set<number>();
  let latestReceivedMs = 0;
  async function load(db: Kysely<unknown>): Promise<Set<number>> {
    if (counted) return counted;
    const marks = (await new SqlText(dialect).add('select hour from vehicle_event_counted_hours').run<{ hour: number }>(db)).map((r) => Number(r.hour));
    // Hours after the last counted one wait (normally the last hour or two before a restart). An older hour that
    // was never counted stays so until another event arrives for it; its facets are then counted from the events.
    const after = marks.length ? Math.max(...marks) + 1 : 0;
    const q = new SqlText(dialect);
    q.add(`select distinct id / ${HOUR_IDS} as hour from vehicle_events where id >= ${q.p(after * HOUR_IDS)}`);
    for (const r of await q.run<{ hour: number }>(db)) waiting.add(Number(r.hour));
    counted ??= new Set(marks);
    return counted;
  }
  return {
    async add(trx, rows, receivedMs) {
      const done = await load(trx);
      latestReceivedMs = Math.max(latestReceivedMs, receivedMs);
      const late = rows.filter((r) => done.has(Math.floor(r.id / HOUR_IDS)));
      await addHourCounts(trx, dialect, late);
      const hours = hoursOf(rows);
      return () => { for (const h of hours) if (!done.has(h)) waiting.add(h); };
    },
    async countClosed(db) {
      const done = await load(db);
      const closed = [...waiting].filter((h) => (h + 1) * HOUR_MS + COUNT_AFTER_MS <= latestReceivedMs).sort((a, b) => a - b);
      for (const hour of closed) {
        await db.transaction().execute(async (trx) => {
          await recountHours(trx, dialect, hour, hour + 1);
          const q = new SqlText(dialect);
          await q.add(`insert into vehicle_event_counted_hours (hour) values (${q.p(hour)}) on conflict (hour) do nothing`).run(trx);
        });
        done.add(hour);
        waiting.delete(hour);
      }
      return closed.length;
    },
    async countedHours(db, first, end) {
      const done = await load(db);
      const out = new Set<number>();
      for (let h = first; h < end; h++) if (done.has(h)) out.add(h);
      return out;
    },
    forgetBefore(ms) {
      const cut = Math.floor(ms / HOUR_MS);
      for (const set of [counted, waiting]) for (const h of set ?? []) if (h < cut) set!.delete(h);
    },
  };
}

/** Counts the hours `[fromHour, toHour)` again from the events (after a delete that cut into them, or once closed). */
export async function recountHours(trx: Kysely<unknown>, dialect: DialectName, fromHour: number, toHour: number): Promise<void> {
  const del = new SqlText(dialect);
  await del.add(`delete from vehicle_event_hour_counts where hour >= ${del.p(fromHour)} and hour < ${del.p(toHour)}`).run(trx);
  const q = new SqlText(dialect);
  q.add(`insert into vehicle_event_hour_counts (camera_key, hour, code, n)
    select camera_key, id / ${HOUR_IDS}, colour_code * 16 + type_code, count(*) from vehicle_events
    where id >= ${q.p(fromHour * HOUR_IDS)} and id < ${q.p(toHour * HOUR_IDS)} group by camera_key, id / ${HOUR_IDS}, colour_code * 16 + type_code`);
  await q.run(trx);
}

/** Retention: drops the counts of hours wholly before `ms` and recounts the hour that `ms` cuts into. */
export async function deleteHourCountsBefore(trx: Kysely<unknown>, dialect: DialectName, ms: number): Promise<void> {
  const cutHour = Math.floor(ms / HOUR_MS);
  for (const table of dialect === 'sqlite' ? ['vehicle_event_hour_counts', 'vehicle_event_counted_hours'] : ['vehicle_event_hour_counts']) {
    const q = new SqlText(dialect);
    await q.add(`delete from ${table} where hour < ${q.p(cutHour)}`).run(trx);
  }
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

// SQLite reads each count as one packed integer — (hour of day, code, camera key, n) — because turning rows into JS
// objects cost more than reading them (6,844 rows of a 12-camera day: objects ~8 ms, packed integers ~3 ms, under load).
const CAMERA_SPAN = 16_777_216;
const N_SPAN = 65_536;

/**
 * Adds the counts of `hours` (counted hour numbers, ascending) to `tally`. `cameraKeys` null: every camera. Rows are read per
 * camera (the key's first column), so an area search reads only its cameras' rows. `sqlite`: the raw connection,
 * used only while the caller holds it.
 */
export async function tallyHourCounts(db: Kysely<unknown>, dialect: DialectName, sqlite: SqliteDatabase.Database | null | undefined, query: VehicleEventQuery,
  hours: readonly number[], cameraKeys: number[] | null, tally: FacetTally): Promise<void> {
  if (hours.length === 0) return;
  const colours = query.colours?.length ? query.colours.map(colourCode) : ALL_COLOUR_CODES;
  const types = query.types?.length ? query.types.map(typeCode) : ALL_TYPE_CODES;
  const codes = colours.flatMap((c) => types.map((t) => c * 16 + t));
  const keys = cameraKeys ?? (await new SqlText(dialect).add(`select key from vehicle_event_refs where kind = 'camera'`).run<{ key: number }>(db)).map((r) => Number(r.key));
  const allCodes = codes.length === ALL_COLOUR_CODES.length * ALL_TYPE_CODES.length;
  // A few codes (one colour and one type): a seek for each (camera, hour, code) reads only the rows wanted, where a
  // range over the hours reads every code of every hour (a camera-hour has ~24 codes at 10M events; 312 cameras, one code, under
  // load: 4 ms against 11 ms). Many codes or a long range: the range.
  const seekEach = codes.length <= 4 && hours.length <= 192;
  const contiguous = hours.at(-1)! - hours[0]! + 1 === hours.length;
  for (const chunk of chunks(keys, ROWS_PER_STATEMENT)) {
    const where = new SqlText(dialect);
    where.add(where.inList('camera_key', chunk, 'integer'));
    if (contiguous && !seekEach) where.add(` and hour >= ${where.p(hours[0])} and hour <= ${where.p(hours.at(-1))}`);
    else where.add(` and ${where.inList('hour', hours, 'integer')}`);
    if (!allCodes) where.add(` and ${where.inList('code', codes, 'integer')}`);
    const packed = sqlite ? sqlite.prepare(`select (((hour % 24) * 256 + code) * ${CAMERA_SPAN} + camera_key) * ${N_SPAN} + min(n, ${N_SPAN - 1})
      from vehicle_event_hour_counts where ${where.text}`).pluck().all(...where.params) as number[] : null;
    // A count too large to pack (65,535 vehicles of one colour and type at one camera in one hour) is read as a row.
    if (packed && !packed.some((k) => k % N_SPAN === N_SPAN - 1)) {
      for (const k of packed) {
        const rest = Math.floor(k / N_SPAN);
        const code = Math.floor(rest / CAMERA_SPAN) % 256;
        tally.add(Math.floor(rest / CAMERA_SPAN / 256), code >> 4, code & 15, rest % CAMERA_SPAN, k % N_SPAN);
      }
      continue;
    }
    const q = new SqlText(dialect).add('select camera_key, hour, code, n from vehicle_event_hour_counts where ').add(where.text);
    q.params.push(...where.params);
    for (const r of await q.run<{ camera_key: number; hour: number; code: number; n: number }>(db)) {
      const code = Number(r.code);
      tally.add(Number(r.hour) % 24, code >> 4, code & 15, Number(r.camera_key), Number(r.n));
    }
  }
}
