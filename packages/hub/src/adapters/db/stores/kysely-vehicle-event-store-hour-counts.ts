import type { Kysely } from 'kysely';
import type { VehicleEventQuery } from '../../../features/vehicle-events/vehicle-event.store.ts';
import type { DialectName } from '../database.ts';
import { ALL_COLOUR_CODES, ALL_TYPE_CODES, colourCode, idAt, typeCode } from './kysely-vehicle-event-store-codes.ts';
import { SqlText, chunks } from './kysely-vehicle-event-store-sql.ts';

/**
 * Hour counts (migration 0009): how many events each camera saw in each UTC hour, by colour and type —
 * `vehicle_event_hour_counts (camera_key, hour, code, n)` with `code = colour_code * 16 + type_code` and `hour` the
 * hour number since the epoch. Kept in the same transaction as the events (ingest adds, retention trims), so the
 * facets of a search that filters only by time, place, colour and type read whole hours from here (a few rows a
 * camera-hour) instead of counting every matching event; the partial hours at the ends of the range are still
 * counted from the events. docs/adr/0006-hour-counts.md.
 */
export const HOUR_MS = 3_600_000;
const HOUR_IDS = idAt(HOUR_MS);
const ROWS_PER_STATEMENT = 500;

/** One facet group: a count for (UTC hour number, colour code, type code, camera key). */
export interface FacetGroup { hourNumber: number; colourCode: number; typeCode: number; cameraKey: number; n: number }

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

/** Counts the hours `[fromHour, toHour)` again from the events (after a delete that cut into them). */
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

/**
 * Facet groups of the whole hours `[first, end)` from the counts. `cameraKeys` null: every camera. Rows are read per
 * camera (the key's first column), so an area search reads only its cameras' rows.
 */
export async function hourCountGroups(db: Kysely<unknown>, dialect: DialectName, query: VehicleEventQuery, hours: { first: number; end: number }, cameraKeys: number[] | null): Promise<FacetGroup[]> {
  const colours = query.colours?.length ? query.colours.map(colourCode) : ALL_COLOUR_CODES;
  const types = query.types?.length ? query.types.map(typeCode) : ALL_TYPE_CODES;
  const codes = colours.flatMap((c) => types.map((t) => c * 16 + t));
  const keys = cameraKeys ?? (await new SqlText(dialect).add(`select key from vehicle_event_refs where kind = 'camera'`).run<{ key: number }>(db)).map((r) => Number(r.key));
  const out: FacetGroup[] = [];
  const allCodes = codes.length === ALL_COLOUR_CODES.length * ALL_TYPE_CODES.length;
  for (const chunk of chunks(keys, ROWS_PER_STATEMENT)) {
    const q = new SqlText(dialect);
    q.add(`select camera_key, hour, code, n from vehicle_event_hour_counts where ${q.inList('camera_key', chunk, 'integer')}`);
    q.add(` and hour >= ${q.p(hours.first)} and hour < ${q.p(hours.end)}`);
    if (!allCodes) q.add(` and ${q.inList('code', codes, 'integer')}`);
    for (const r of await q.run<{ camera_key: number; hour: number; code: number; n: number }>(db)) {
      const code = Number(r.code);
      out.push({ hourNumber: Number(r.hour), colourCode: code >> 4, typeCode: code & 15, cameraKey: Number(r.camera_key), n: Number(r.n) });
    }
  }
  return out;
}
