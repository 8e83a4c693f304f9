import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, setUpAdmin, signIn } from '../../testing/test-hub.ts';
import type { Client, TestHub } from '../../testing/test-hub.ts';

describe('camera registry over HTTP', () => {
  let t: TestHub;
  let admin: Client;
  let owner: Client;
  let shopSite: string;
  let homeSite: string;

  beforeAll(async () => {
    t = await createTestHub();
    admin = (await setUpAdmin(t)).client;
    const shop = await admin.req('POST', '/api/v1/members', { name: 'Corner Shop', kind: 'business' });
    const home = await admin.req('POST', '/api/v1/members', { name: 'Resident', kind: 'resident' });
    shopSite = (await admin.req('POST', '/api/v1/sites', { memberId: shop.json.id, name: 'Shop', address: '3500 Gravois Ave', lat: 38.59, lon: -90.24 })).json.id;
    homeSite = (await admin.req('POST', '/api/v1/sites', { memberId: home.json.id, name: 'Home', address: '12 Oak St', lat: 38.6, lon: -90.25 })).json.id;
    await admin.req('POST', '/api/v1/users', { email: 'owner@shop.com', name: 'Sam', role: 'owner', memberId: shop.json.id, password: 'shop owner password' });
    owner = (await signIn(t, 'owner@shop.com', 'shop owner password')).client!;
  });
  afterAll(() => t.close());

  it('explains bad input with stable ids and the field', async () => {
    const lat = await owner.req('POST', '/api/v1/cameras', { siteId: shopSite, name: 'Front', lat: 123, lon: -90.24 });
    expect(lat.status).toBe(400);
    expect(lat.json.error).toMatchObject({ id: 'validation_failed', details: { issues: [{ path: 'lat', message: 'latitude must be between -90 and 90' }] } });
    const fov = await owner.req('POST', '/api/v1/cameras', { siteId: shopSite, name: 'Front', lat: 38.59, lon: -90.24, fovDeg: 0 });
    expect(fov.json.error.details.issues[0]).toMatchObject({ path: 'fovDeg' });
    const retention = await owner.req('POST', '/api/v1/cameras', { siteId: shopSite, name: 'Front', lat: 38.59, lon: -90.24, retentionDays: 45 });
    expect(retention.json.error).toMatchObject({ id: 'retention_above_maximum' });
    expect((await owner.req('GET', '/api/v1/cameras')).json.items).toEqual([]);
  });

  it('creates cameras closed by default and inactive until the owner attests public view', async () => {
    const c = await owner.req('POST', '/api/v1/cameras', { siteId: shopSite, name: 'Front door', lat: 38.59, lon: -90.24, headingDeg: 180, streamUrl: 'rtsp://user:secret@10.0.0.5/stream1' });
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ sharingMode: 'none', status: 'pending_attestation', hasStreamUrl: true, publicViewAttested: false });
    expect(JSON.stringify(c.json)).not.toContain('secret');
    const row = await t.database.db.selectFrom('cameras').select('stream_url_enc').where('id', '=', c.json.id).executeTakeFirstOrThrow();
    expect(row.stream_url_enc).not.toContain('secret');
    const attested = await owner.req('POST', `/api/v1/cameras/${c.json.id}/attest`);
    expect(attested.json).toMatchObject({ publicViewAttested: true, status: 'offline' });
    const patched = await owner.req('PATCH', `/api/v1/cameras/${c.json.id}`, { sharingMode: 'on_request' });
    expect(patched.json).toMatchObject({ sharingMode: 'on_request', headingDeg: 180, publicViewAttested: true });
  });

  it('keeps owners to their own member’s sites and cameras', async () => {
    const other = await admin.req('POST', '/api/v1/cameras', { siteId: homeSite, name: 'Porch', lat: 38.6, lon: -90.25 });
    expect(other.status).toBe(201);
    expect((await owner.req('GET', `/api/v1/cameras/${other.json.id}`)).status).toBe(404);
    expect((await owner.req('PATCH', `/api/v1/cameras/${other.json.id}`, { name: 'mine now' })).status).toBe(404);
    expect((await owner.req('POST', '/api/v1/cameras', { siteId: homeSite, name: 'Sneaky', lat: 38.6, lon: -90.25 })).json.error.id).toBe('site_not_found');
    expect((await owner.req('GET', '/api/v1/cameras')).json.items.map((c: { name: string }) => c.name)).toEqual(['Front door']);
    expect((await owner.req('GET', '/api/v1/cameras/map')).json.rows).toHaveLength(1);
    expect((await admin.req('GET', '/api/v1/cameras/map')).json.rows).toHaveLength(2);
    expect((await owner.req('GET', '/api/v1/sites')).json.items.map((s: { id: string }) => s.id)).toEqual([shopSite]);
    expect((await owner.req('GET', '/api/v1/users')).json.error.id).toBe('role_not_allowed');
  });

  it('imports CSV all-or-nothing, reporting bad rows by line', async () => {
    const bad = `name,siteId,lat,lon,headingDeg,fovDeg\nA,${shopSite},38.59,-90.24,10,60\nB,${shopSite},95,-90.24,10,60\nC,${shopSite},38.59,-90.24,10,0\n`;
    const r = await owner.req('POST', '/api/v1/cameras/import?dryRun=false', bad, { 'content-type': 'text/csv' });
    expect(r.json).toMatchObject({ rows: 3, imported: 0 });
    expect(r.json.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect((await owner.req('GET', '/api/v1/cameras')).json.items).toHaveLength(1);
    const good = `name,site_id,lat,lon,heading_deg,public_view_attested\n"Side, east",${shopSite},38.591,-90.241,90,yes\nRear,${shopSite},38.589,-90.239,270,no\n`;
    const preview = await owner.req('POST', '/api/v1/cameras/import', good, { 'content-type': 'text/csv' });
    expect(preview.json).toMatchObject({ rows: 2, imported: 0, errors: [] });
    const done = await owner.req('POST', '/api/v1/cameras/import?dryRun=false', good, { 'content-type': 'text/csv' });
    expect(done.json).toMatchObject({ rows: 2, imported: 2, errors: [] });
    expect((await owner.req('GET', '/api/v1/cameras')).json.items.map((c: { name: string }) => c.name).sort()).toEqual(['Front door', 'Rear', 'Side, east']);
  });

  it('exports GeoJSON in lon, lat order that imports back', async () => {
    const geo = await owner.req('GET', '/api/v1/cameras/export?format=geojson');
    expect(geo.json.type).toBe('FeatureCollection');
    const front = geo.json.features.find((f: { properties: { name: string } }) => f.properties.name === 'Front door');
    expect(front.geometry.coordinates).toEqual([-90.24, 38.59]);
    const again = await owner.req('POST', '/api/v1/cameras/import', geo.body, { 'content-type': 'application/geo+json' });
    expect(again.json).toMatchObject({ rows: 3, errors: [] });
    const csv = await owner.req('GET', '/api/v1/cameras/export?format=csv');
    expect(csv.body.split('\n')[0]).toContain('name,siteId,lat,lon');
    expect(csv.body).not.toContain('rtsp://');
  });

  it('keeps what the serving edge says of the picture: an overexposure warning reaches the owner, with when it was last reported', async () => {
    const c = (await owner.req('POST', '/api/v1/cameras', { siteId: shopSite, name: 'Gate', lat: 38.59, lon: -90.24, publicViewAttested: true })).json;
    expect(c.pictureCheck).toBeNull();
    const changed: string[] = [];
    const off = t.hub.bus.subscribe('camera.changed', (e) => void changed.push(e.cameraId));
    // The shop's site edge serves the camera (at its site, not assigned elsewhere); an edge at another site does not.
    const shopEdge = { edge: { id: 'edge-shop', siteId: shopSite, embedded: false }, sitesWithEdges: new Set([shopSite, homeSite]) };
    const otherEdge = { edge: { id: 'edge-home', siteId: homeSite, embedded: false }, sitesWithEdges: new Set([shopSite, homeSite]) };
    const report = (platesClipped: number, warning: 'overexposed' | null, from = shopEdge) =>
      t.hub.services.cameras.recordHealth(from, [{ cameraId: c.id, online: true, lastFrameAt: '2026-11-22T10:00:00.000Z', picture: { platesChecked: 50, platesClipped, warning } }]);
    await report(21, 'overexposed', otherEdge);
    expect((await owner.req('GET', `/api/v1/cameras/${c.id}`)).json).toMatchObject({ status: 'offline', pictureCheck: null });
    await report(21, 'overexposed');
    const at = t.clock.now().toISOString();
    expect((await owner.req('GET', `/api/v1/cameras/${c.id}`)).json.pictureCheck).toEqual({ platesChecked: 50, platesClipped: 21, warning: 'overexposed', at });
    t.clock.advance(60_000);
    await report(21, 'overexposed'); // the same figures: nothing written, the time stays that of the report that changed them
    expect((await owner.req('GET', `/api/v1/cameras/${c.id}`)).json.pictureCheck.at).toBe(at);
    await report(4, null);
    expect((await owner.req('GET', `/api/v1/cameras/${c.id}`)).json.pictureCheck).toMatchObject({ platesClipped: 4, warning: null, at: t.clock.now().toISOString() });
    // A report without a picture check (vision off) keeps the last one.
    await t.hub.services.cameras.recordHealth(shopEdge, [{ cameraId: c.id, online: true, lastFrameAt: '2026-11-22T10:01:00.000Z' }]);
    expect((await owner.req('GET', `/api/v1/cameras/${c.id}`)).json.pictureCheck).toMatchObject({ platesClipped: 4, warning: null });
    off();
    // Published when the camera went online and when the warning came and went; not for the repeat.
    expect(changed.filter((id) => id === c.id)).toHaveLength(2);
  });

  it('audits every camera change and read through the route hook', async () => {
    const log = await admin.req('GET', '/api/v1/audit?action=camera.*&limit=200');
    const actions = new Set(log.json.items.map((r: { action: string }) => r.action));
    for (const a of ['camera.create', 'camera.attest', 'camera.update', 'camera.import', 'camera.export', 'camera.read', 'camera.list']) expect(actions).toContain(a);
    const denied = log.json.items.find((r: { action: string; outcome: string }) => r.action === 'camera.read' && r.outcome === 'failure');
    expect(denied?.actor).toBe('owner@shop.com');
  });
});
