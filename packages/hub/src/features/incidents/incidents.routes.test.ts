import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORNER, createRtccFixture, type RtccFixture } from './rtcc-test-fixture.ts';

const cadCall = (id: string, over: Record<string, unknown> = {}) => ({
  incidentTrackingIdentifier: id, incidentTypeCommonRegistryText: 'Robbery', incidentPriority: 1, callReceivedTimestamp: '2026-11-22T09:58:00.000Z',
  location: { latitude: CORNER.lat, longitude: CORNER.lon }, notes: [{ text: 'Two men, red pickup, heading north' }], ...over,
});

describe('incidents over HTTP: CAD webhook, dashboard, nearest cameras, timeline', () => {
  let f: RtccFixture;
  const cad = (body: unknown, token = f.operatorToken) => f.t.app.inject({ method: 'POST', url: '/api/v1/incidents/cad', headers: { authorization: `Bearer ${token}` }, payload: body as object });

  beforeAll(async () => {
    f = await createRtccFixture();
  });
  afterAll(() => f.t.close());

  it('creates an incident from a CAD call with the covering cameras ranked and the nearby one apart', async () => {
    const res = await cad(cadCall('CAD-2026-0001'));
    expect(res.statusCode).toBe(201);
    const incident = res.json();
    expect(incident).toMatchObject({ externalId: 'CAD-2026-0001', source: 'cad', type: 'Robbery', priority: 1, status: 'open', callerNotes: 'Two men, red pickup, heading north' });
    const covering = incident.cameras.filter((c: { covers: boolean }) => c.covers).map((c: { name: string }) => c.name);
    expect(covering).toEqual(['Live 20 m', 'Alarm only 30 m', 'On request 35 m']);
    expect(incident.cameras.filter((c: { covers: boolean }) => !c.covers).map((c: { name: string }) => c.name)).toEqual(['Facing away 25 m']);
    // The placeholder clip requester answers 'unavailable' (the lead wires edge clips); the owner-only camera needs a request.
    const byName = Object.fromEntries(incident.cameras.map((c: { name: string }) => [c.name, c]));
    expect(byName['Live 20 m'].footage).toBe('clip_unavailable');
    expect(byName['Alarm only 30 m'].footage).toBe('clip_unavailable');
    expect(byName['On request 35 m'].footage).toBeNull();
  });

  it('is idempotent on the external id: a repeated call answers the same incident with 200', async () => {
    const again = await cad(cadCall('CAD-2026-0001', { incidentTypeCommonRegistryText: 'Changed' }));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ externalId: 'CAD-2026-0001', type: 'Robbery' });
    const list = await f.operator.req('GET', '/api/v1/incidents');
    expect(list.json.items.filter((i: { externalId: string }) => i.externalId === 'CAD-2026-0001')).toHaveLength(1);
  });

  it('refuses the webhook without an operator token, and explains a call without a location', async () => {
    expect((await f.t.app.inject({ method: 'POST', url: '/api/v1/incidents/cad', payload: cadCall('x') })).statusCode).toBe(401);
    const patrolToken = (await f.patrol.req('POST', '/api/v1/tokens', { name: 'car', role: 'patrol' })).json.token;
    expect((await cad(cadCall('x'), patrolToken)).json().error.id).toBe('role_not_allowed');
    const noWhere = await cad(cadCall('CAD-2', { location: {} }));
    expect(noWhere.statusCode).toBe(400);
    expect(noWhere.json().error.id).toBe('position_missing');
  });

  it('geocodes a CAD address from imported address points, and says address_not_found with suggestions', async () => {
    const csv = `LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE,ID,HASH\n${CORNER.lon},${CORNER.lat},3500,Gravois Ave,,St. Louis,,MO,63118,,\n`;
    const imp = await f.admin.req('POST', '/api/v1/geocoding/import?dryRun=false', csv, { 'content-type': 'text/csv' });
    expect(imp.json).toMatchObject({ imported: true, addressPoints: 1 });
    const res = await cad(cadCall('CAD-3', { location: { civicAddressText: '3500 GRAVOIS AVENUE, St. Louis MO' } }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ address: '3500 Gravois Ave', lat: CORNER.lat, lon: CORNER.lon });
    expect((await f.operator.req('GET', '/api/v1/geocode?q=3500%20gravoys')).json).toMatchObject({ label: '3500 Gravois Ave', corrected: true });
    const unknown = await cad(cadCall('CAD-4', { location: { civicAddressText: '3500 Gravy Street' } }));
    expect(unknown.json().error).toMatchObject({ id: 'address_not_found', details: { suggestions: ['Gravois Ave'] } });
  });

  it('keeps a timeline: notes, status changes, and a disposition required to close', async () => {
    const created = await f.operator.req('POST', '/api/v1/incidents', { type: 'Suspicious vehicle', lat: CORNER.lat, lon: CORNER.lon });
    expect(created.status).toBe(201);
    expect(created.json.source).toBe('dashboard');
    const id = created.json.id;
    expect((await f.operator.req('POST', `/api/v1/incidents/${id}/notes`, { text: 'Unit 12 en route' })).status).toBe(201);
    expect((await f.operator.req('PATCH', `/api/v1/incidents/${id}`, { status: 'closed' })).json.error.id).toBe('disposition_required');
    expect((await f.operator.req('PATCH', `/api/v1/incidents/${id}`, { status: 'closed', disposition: 'gone_on_arrival' })).json).toMatchObject({ status: 'closed', disposition: 'gone_on_arrival' });
    const full = await f.operator.req('GET', `/api/v1/incidents/${id}`);
    expect(full.json.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'clip', 'clip', 'note', 'status', 'disposition']);
    expect((await f.patrol.req('GET', `/api/v1/incidents/${id}`)).status).toBe(403);
  });

  it('answers nearest cameras by position or address, and bins incidents as GeoJSON hexagons', async () => {
    const near = await f.operator.req('GET', `/api/v1/cameras/nearest?lat=${CORNER.lat}&lon=${CORNER.lon}&k=2`);
    expect(near.json.covering.map((c: { name: string; rank: number }) => [c.rank, c.name])).toEqual([[1, 'Live 20 m'], [2, 'Alarm only 30 m']]);
    expect(near.json.nearby.map((c: { name: string }) => c.name)).toEqual(['Facing away 25 m']);
    const byAddress = await f.operator.req('GET', '/api/v1/cameras/nearest?address=3500%20gravois');
    expect(byAddress.json).toMatchObject({ geocoded: { label: '3500 Gravois Ave', precision: 'exact' } });
    expect((await f.operator.req('GET', '/api/v1/cameras/nearest?address=1%20Nowhere%20Rd')).json.error.id).toBe('address_not_found');
    const hex = await f.operator.req('GET', '/api/v1/hotspots?format=geojson&types=Robbery');
    expect(hex.json.type).toBe('FeatureCollection');
    expect(hex.json.features[0].properties.count).toBe(2);
    expect(hex.json.features[0].geometry.coordinates[0]).toHaveLength(7);
  });

  it('follows a moved camera: the index is updated from camera.changed and camera.removed', async () => {
    const id = f.cameraIds['Facing away 25 m']!;
    await f.admin.req('PATCH', `/api/v1/cameras/${id}`, { headingDeg: 90 });
    const near = await f.operator.req('GET', `/api/v1/cameras/nearest?lat=${CORNER.lat}&lon=${CORNER.lon}`);
    expect(near.json.covering.map((c: { name: string }) => c.name)).toContain('Facing away 25 m');
    await f.admin.req('DELETE', `/api/v1/cameras/${id}`);
    const after = await f.operator.req('GET', `/api/v1/cameras/nearest?lat=${CORNER.lat}&lon=${CORNER.lon}`);
    expect([...after.json.covering, ...after.json.nearby].map((c: { name: string }) => c.name)).not.toContain('Facing away 25 m');
  });
});
