import { expect, it, vi } from 'vitest';
import type { Colour, VehicleEvent, VehicleType } from '@camnet/core';
import { describeEachDatabase } from '../../../testing/test-databases.ts';
import type { VehicleEventFacets, VehicleEventQuery } from '../../../features/vehicle-events/vehicle-event.store.ts';
import { createKyselyVehicleEventStore } from './kysely-vehicle-event-store.ts';
import { SqlText } from './kysely-vehicle-event-store-sql.ts';

const H = 3_600_000;
const T0 = Date.parse('2026-10-02T00:00:00.000Z');
const COLOURS: Colour[] = ['white', 'black', 'red', 'silver'];
const TYPES: VehicleType[] = ['car', 'suv', 'pickup'];

/** A deterministic spread of events over 30 hours, 4 cameras, 4 colours and 3 types (some with no colour). */
function traffic(n: number, seed = 7): VehicleEvent[] {
  let a = seed;
  const next = () => ((a = (a * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  return Array.from({ length: n }, (_, i) => {
    const at = T0 + Math.floor(next() * 30 * H);
    return {
      localId: `h-${seed}-${i}`, cameraId: `cam-${Math.floor(next() * 4)}`, startedAt: new Date(at).toISOString(), endedAt: new Date(at + 1500).toISOString(),
      type: TYPES[Math.floor(next() * TYPES.length)]!, colour: next() < 0.1 ? null : COLOURS[Math.floor(next() * COLOURS.length)]!, colourConfidence: 0.9,
      colourAlt: null, plate: null, direction: Math.floor(next() * 360), box: [0, 0, 10, 10], source: 'edge',
    };
  });
}

/** The facets counted by hand from the events that match the query's time, camera, colour, type and direction. */
function byHand(events: VehicleEvent[], q: VehicleEventQuery): VehicleEventFacets {
  const out: VehicleEventFacets = { total: 0, colour: {}, type: {}, camera: {}, hour: {} };
  const bump = (m: Record<string, number>, k: string) => { m[k] = (m[k] ?? 0) + 1; };
  for (const e of events) {
    const at = Date.parse(e.startedAt);
    if (at < q.fromMs || at >= q.toMs) continue;
    if (q.cameraIds && !q.cameraIds.includes(e.cameraId)) continue;
    if (q.colours && !q.colours.includes(e.colour!)) continue;
    if (q.types && !q.types.includes(e.type)) continue;
    if (q.direction && (e.direction! < q.direction.from || e.direction! > q.direction.to)) continue;
    out.total++;
    bump(out.colour, e.colour ?? 'unknown');
    bump(out.type, e.type);
    bump(out.camera, e.cameraId);
    bump(out.hour, String(new Date(at).getUTCHours()));
  }
  return out;
}

describeEachDatabase('vehicle event hour counts (facets)', (use) => {
  it('give the same facets as counting the events, for ranges cut mid-hour, areas, colours and types, after retries, late events, a restart and retention', async () => {
    const database = use();
    const s = createKyselyVehicleEventStore(database);
    const events = traffic(1500);
    const queries: VehicleEventQuery[] = [
      { fromMs: T0, toMs: T0 + 30 * H },
      { fromMs: T0 + 17 * 60_000, toMs: T0 + 25 * H + 123_456 },
      { fromMs: T0 + 2.5 * H, toMs: T0 + 3.25 * H },
      { fromMs: T0 + H + 1, toMs: T0 + 20 * H - 1, cameraIds: ['cam-1', 'cam-3'] },
      { fromMs: T0 + 30 * 60_000, toMs: T0 + 26 * H, colours: ['red'], types: ['pickup'] },
      { fromMs: T0 + 30 * 60_000, toMs: T0 + 26 * H, colours: ['white', 'silver'], cameraIds: ['cam-0'] },
      { fromMs: T0 + 30 * 60_000, toMs: T0 + 26 * H, types: ['suv'], direction: { from: 0, to: 180 } },
    ];
    const check = async (store: typeof s, sent: VehicleEvent[]) => {
      for (const q of queries) expect(await store.facets(q), JSON.stringify(q)).toEqual(byHand(sent, q));
    };
    const countedHours = async () => database.dialect === 'postgres' ? null
      : Number((await new SqlText('sqlite').add('select count(*) as n from vehicle_event_counted_hours').run<{ n: number }>(database.db))[0]!.n);
    // The first half arrives while its hours are still open (received at T0 + 12 h: hours up to 10 h have closed);
    // a batch is retried (duplicates must not be counted twice).
    const early = events.slice(0, 700);
    for (let i = 0; i < early.length; i += 100) await s.ingest(`edge-${(i / 100) % 2}`, early.slice(i, i + 100), T0 + 12 * H);
    await s.ingest('edge-0', early.slice(0, 100), T0 + 12 * H);
    // An hour later on the hub's clock (SQLite counts an hour once it is over and quiet).
    const later = traffic(1, 98)[0]!;
    await s.ingest('edge-8', [later], T0 + 13 * H);
    early.push(later);
    await check(s, early);
    // Hours are counted between group commits, after the batch's caller has heard back.
    if (database.dialect === 'sqlite') await vi.waitFor(async () => expect(await countedHours()).toBeGreaterThan(5));
    await check(s, early);
    // The rest arrives a day later: every hour closes, and the events of hours already counted are added to them.
    const rest = events.slice(700);
    for (let i = 0; i < rest.length; i += 100) await s.ingest(`edge-${(i / 100) % 2}`, rest.slice(i, i + 100), T0 + 40 * H);
    await s.ingest('edge-9', [traffic(1, 99)[0]!], T0 + 41 * H); // an hour later: every hour is over and quiet
    const sent = [...events, later, traffic(1, 99)[0]!];
    await check(s, sent);
    if (database.dialect === 'sqlite') await vi.waitFor(async () => expect(await countedHours()).toBeGreaterThanOrEqual(29));
    await check(s, sent);
    // A restart: a new store finds what is counted and what is not.
    await check(createKyselyVehicleEventStore(database), sent);
    expect(await s.facets({ fromMs: T0, toMs: T0 + 30 * H, cameraIds: ['no-such-camera'] })).toEqual({ total: 0, colour: {}, type: {}, camera: {}, hour: {} });

    // Retention cutting into an hour: the hours before go, the cut hour is counted again from what is left.
    const cut = T0 + 5 * H + 20 * 60_000;
    await s.deleteBefore(cut);
    const left = sent.filter((e) => Date.parse(e.startedAt) >= cut);
    await check(s, left);
    await check(createKyselyVehicleEventStore(database), left);
    const rows = await new SqlText(database.dialect).add(`select count(*) as n from vehicle_event_hour_counts where hour < ${Math.floor(cut / H)}`).run<{ n: number }>(database.db);
    expect(Number(rows[0]!.n)).toBe(0);
    // A cut a millisecond before an hour's end leaves that hour no events: its counts go with them.
    const cut2 = T0 + 8 * H - 1;
    await s.deleteBefore(cut2);
    const left2 = sent.filter((e) => Date.parse(e.startedAt) >= cut2);
    await check(s, left2);
    await check(createKyselyVehicleEventStore(database), left2);
  });

  it('read large counts exactly (70,000 of one colour and type at one camera in one hour)', async () => {
    const database = use();
    const s = createKyselyVehicleEventStore(database);
    await s.ingest('edge-big', traffic(40, 11), T0);
    const camera = Number((await new SqlText(database.dialect).add(`select key from vehicle_event_refs where kind = 'camera' and ref = 'cam-2'`).run<{ key: number }>(database.db))[0]!.key);
    const hour = T0 / H + 40;
    const q = new SqlText(database.dialect);
    await q.add(`insert into vehicle_event_hour_counts (hour, code, camera_key, n) values (${q.p(hour)}, ${q.p(5 * 16 + 2)}, ${q.p(camera)}, 70000)`).run(database.db);
    if (database.dialect === 'sqlite') await new SqlText('sqlite').add(`insert into vehicle_event_counted_hours (hour) values (${hour})`).run(database.db);
    const facets = await createKyselyVehicleEventStore(database).facets({ fromMs: (hour - 1) * H, toMs: (hour + 1) * H });
    expect(facets).toEqual({ total: 70_000, colour: { red: 70_000 }, type: { pickup: 70_000 }, camera: { 'cam-2': 70_000 }, hour: { [String(hour % 24)]: 70_000 } });
  });
});
