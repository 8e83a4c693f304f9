import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom, destination, distanceM, speedOfSound } from '@camnet/core';
import { CORNER, createRtccFixture, type RtccFixture } from '../incidents/rtcc-test-fixture.ts';

describe('gunshots over HTTP: sensors, TDOA localisation into incidents, vendor events, refusals', () => {
  let f: RtccFixture;
  const sensors: { id: string; lat: number; lon: number }[] = [];
  const shotAt = (p: { lat: number; lon: number }, at: number, ids: typeof sensors, noiseMs = 0, rnd = createRandom('noise')) =>
    ids.map((s) => ({ sensorId: s.id, arrivalMs: at + (distanceM(s, p) / speedOfSound(20)) * 1000 + rnd.normal(0, noiseMs) }));

  beforeAll(async () => {
    f = await createRtccFixture();
    // Six sensors on a ring of about 400 m around the corner (a typical acoustic array spacing).
    for (let i = 0; i < 6; i++) {
      const at = destination(CORNER, i * 60 + 10, 350 + 40 * i);
      sensors.push((await f.admin.req('POST', '/api/v1/acoustic-sensors', { name: `S${i}`, ...at, clockSigmaMs: 1 })).json);
    }
  });
  afterAll(() => f.t.close());

  it('locates a shot from arrivals with 1 ms noise, opens an incident with the nearest cameras, and is idempotent', async () => {
    const shot = destination(CORNER, 30, 8);
    const body = { reports: shotAt(shot, Date.parse('2026-11-22T09:59:00.000Z'), sensors.slice(0, 5), 1) };
    const res = await f.operator.req('POST', '/api/v1/gunshots/arrivals', body);
    expect(res.status).toBe(201);
    const [{ incident, fix }] = res.json.shots;
    const errorM = distanceM(fix, shot);
    console.log(`gunshot route: 5 sensors, 1 ms noise → error ${errorM.toFixed(1)} m, stated ±${fix.uncertaintyM.toFixed(1)} m`);
    expect(errorM).toBeLessThan(15);
    expect(incident).toMatchObject({ source: 'gunshot', priority: 1, type: 'Shots fired (acoustic)' });
    expect(incident.cameras.filter((c: { covers: boolean }) => c.covers).length).toBeGreaterThan(0);
    const again = await f.operator.req('POST', '/api/v1/gunshots/arrivals', body);
    expect(again.json.shots[0].incident.id).toBe(incident.id);
    expect((await f.operator.req('GET', '/api/v1/gunshots')).json.items).toHaveLength(1);
  });

  it('has median error ≤ 10 m over 100 synthetic shots from 4–6 sensors with 1 ms timing noise (through the API)', async () => {
    const rnd = createRandom('trials');
    const errors: number[] = [];
    for (let trial = 0; trial < 100; trial++) {
      const shot = destination(CORNER, rnd.next() * 360, rnd.next() * 300);
      const used = [...sensors].sort(() => rnd.next() - 0.5).slice(0, 4 + (trial % 3));
      const res = await f.operator.req('POST', '/api/v1/gunshots/arrivals', { reports: shotAt(shot, Date.parse('2026-11-22T11:00:00.000Z') + trial * 60_000, used, 1, rnd) });
      expect(res.status).toBe(201);
      errors.push(distanceM(res.json.shots[0].fix, shot));
    }
    errors.sort((a, b) => a - b);
    const median = errors[50]!;
    console.log(`gunshot route: 100 shots, 4–6 sensors, 1 ms noise → median error ${median.toFixed(1)} m, p90 ${errors[90]!.toFixed(1)} m, max ${errors[99]!.toFixed(1)} m`);
    expect(median).toBeLessThanOrEqual(10);
  });

  it('refuses two reports and collinear sensors with the core’s clear errors, and unknown sensors', async () => {
    const at = Date.parse('2026-11-22T10:05:00.000Z');
    const two = await f.operator.req('POST', '/api/v1/gunshots/arrivals', { reports: shotAt(CORNER, at, sensors.slice(0, 2)) });
    expect(two.status).toBe(400);
    expect(two.json.error.id).toBe('gunshot_too_few_sensors');
    const line = [];
    for (let i = 0; i < 4; i++) line.push((await f.admin.req('POST', '/api/v1/acoustic-sensors', { name: `L${i}`, ...destination(CORNER, 90, -300 + 200 * i) })).json);
    const collinear = await f.operator.req('POST', '/api/v1/gunshots/arrivals', { reports: shotAt(destination(CORNER, 0, 120), at, line) });
    expect(collinear.json.error).toMatchObject({ id: 'gunshot_geometry_degenerate' });
    const unknown = await f.operator.req('POST', '/api/v1/gunshots/arrivals', { reports: [{ sensorId: 'nope', arrivalMs: at }] });
    expect(unknown.json.error.id).toBe('sensor_unknown');
  });

  it('pools reports that sensors send one by one and locates the shot once its window has closed', async () => {
    const shot = destination(CORNER, 120, 40);
    const at = f.t.clock.now().getTime();
    const reports = shotAt(shot, at, sensors.slice(0, 5), 1);
    for (const report of reports) {
      const res = await f.operator.req('POST', '/api/v1/gunshots/arrivals', { complete: false, reports: [report] });
      expect(res.status).toBe(202);
    }
    expect((await f.operator.req('GET', '/api/v1/gunshots/stream')).json.pending).toBe(5);
    expect(await f.t.hub.services.gunshots.flushPending()).toEqual([]); // the window is still open
    f.t.clock.advance(8000);
    await f.t.hub.services.gunshots.flushPending(); // what the pool's timer does (it may already have run)
    const state = (await f.operator.req('GET', '/api/v1/gunshots/stream')).json;
    expect(state).toMatchObject({ pending: 0, recent: [{ located: true, sensors: 5 }] });
    const incident = (await f.operator.req('GET', `/api/v1/incidents/${state.recent[0].incidentId}`)).json;
    expect(incident).toMatchObject({ source: 'gunshot', createdBy: 'system:acoustic-sensors' });
    expect(distanceM(incident, shot)).toBeLessThan(5);
  });

  it('accepts a vendor event that carries its own location, once per vendor id', async () => {
    const event = { id: 'SST-88121', type: 'Multiple_Gunshots', rounds: 4, datetime: '2026-11-22T10:01:00-06:00', latitude: CORNER.lat, longitude: CORNER.lon, address: '3500 Gravois Ave' };
    const res = await f.operator.req('POST', '/api/v1/gunshots/vendor', event);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ externalId: 'shotspotter:SST-88121', type: 'Shots fired (shotspotter)', occurredAt: '2026-11-22T16:01:00.000Z', address: '3500 Gravois Ave' });
    expect((await f.operator.req('POST', '/api/v1/gunshots/vendor', event)).json.id).toBe(res.json.id);
  });
});
