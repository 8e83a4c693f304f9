import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VehicleEvent } from '@camnet/core';
import { createTestHub, setUpAdmin, signIn } from '../../testing/test-hub.ts';
import type { Client, TestHub } from '../../testing/test-hub.ts';

const purpose = { caseNumber: '2026-004512', offence: 'robbery', text: 'Armed robbery at 3500 Gravois, suspect vehicle' };
// Around Gravois & Chippewa; the drawn area holds cameras A and B, not C.
const area = [[-90.2460, 38.5890], [-90.2380, 38.5890], [-90.2380, 38.5940], [-90.2460, 38.5940]];

describe('vehicle search over HTTP', () => {
  let t: TestHub;
  let admin: Client;
  let auditor: Client;
  const cam: Record<string, string> = {};
  let n = 0;
  const event = (cameraId: string, minutesAgo: number, over: Partial<VehicleEvent> = {}): VehicleEvent => {
    const at = t.clock.now().getTime() - minutesAgo * 60_000;
    return {
      localId: `ev-${n++}`, cameraId, startedAt: new Date(at).toISOString(), endedAt: new Date(at + 3000).toISOString(), type: 'car', colour: 'white',
      colourConfidence: 0.9, colourAlt: null, plate: null, direction: 90, box: [0, 0, 100, 60], source: 'edge', ...over,
    };
  };
  const plate = (text: string) => ({ text, confidence: 0.92, chars: [...text].map((c) => ({ c, confidence: 0.92 })), alternates: [] });
  const auditOf = async (action: string) => (await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq', 'desc').execute());

  beforeAll(async () => {
    t = await createTestHub();
    admin = (await setUpAdmin(t)).client;
    const shop = await admin.req('POST', '/api/v1/members', { name: 'Corner Shop', kind: 'business' });
    const a = (await admin.req('POST', '/api/v1/sites', { memberId: shop.json.id, name: 'Shop', address: '3500 Gravois Ave', lat: 38.5912, lon: -90.2431 })).json.id;
    const b = (await admin.req('POST', '/api/v1/sites', { memberId: shop.json.id, name: 'Bakery', address: '3600 Chippewa St', lat: 38.5920, lon: -90.2410 })).json.id;
    const c = (await admin.req('POST', '/api/v1/sites', { memberId: shop.json.id, name: 'Far', address: '900 Grand Blvd', lat: 38.6300, lon: -90.2100 })).json.id;
    for (const [k, siteId, lat, lon] of [['A', a, 38.5912, -90.2431], ['B', b, 38.5920, -90.2410], ['C', c, 38.6300, -90.2100]] as const) {
      cam[k] = (await admin.req('POST', '/api/v1/cameras', { siteId, name: `Camera ${k}`, lat, lon })).json.id;
    }
    await t.hub.services.vehicleEvents.ingestBatch('edge-1', [
      event(cam.A!, 60, { colour: 'red', type: 'pickup', plate: plate('KXR4821') }),
      event(cam.B!, 55, { colour: 'red', type: 'pickup', plate: plate('KXR482I') }),
      event(cam.C!, 50, { colour: 'red', type: 'pickup', plate: plate('KXR4821') }),
      event(cam.A!, 40, { colour: 'silver', type: 'suv' }),
      event(cam.B!, 30, { colour: 'gray', type: 'suv' }),
      event(cam.A!, 3000, { colour: 'red', type: 'pickup' }),
    ]);
    await admin.req('POST', '/api/v1/users', { email: 'audit@city.gov', name: 'Ann Auditor', role: 'auditor', memberId: shop.json.id, password: 'auditor password long' });
    auditor = (await signIn(t, 'audit@city.gov', 'auditor password long')).client!;
  });
  afterAll(() => t.close());

  it('refuses a search without a reason (purpose_required) and still audits the attempt', async () => {
    const r = await admin.req('POST', '/api/v1/search', { filters: { colours: ['red'] } });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ id: 'purpose_required' });
    const bad = await admin.req('POST', '/api/v1/search', { purpose: { ...purpose, offence: 'jaywalking on the moon' } });
    expect(bad.json.error.id).toBe('purpose_required');
    expect((await auditOf('search.run'))[0]).toMatchObject({ outcome: 'failure' });
  });

  it('finds red pickups in the last 24 h in a drawn area, with facets, and audits reason, filters and count', async () => {
    const r = await admin.req('POST', '/api/v1/search', { purpose, filters: { time: { last: '24h' }, colours: ['red'], types: ['pickup'], place: { polygon: area } }, facets: true });
    expect(r.status).toBe(200);
    expect(r.json.items.map((h: { cameraName: string }) => h.cameraName)).toEqual(['Camera B', 'Camera A']);
    expect(r.json.items[0]).toMatchObject({ colour: 'red', colourMatch: 'requested', type: 'pickup', plate: 'KXR482I', lat: 38.592 });
    expect(r.json.total).toEqual({ count: 2, capped: false });
    expect(r.json.facets).toMatchObject({ total: 2, colour: { red: 2 }, type: { pickup: 2 } });
    const [rec] = await auditOf('search.run');
    expect(JSON.parse(rec!.purpose!)).toEqual(purpose);
    expect(JSON.parse(rec!.details!)).toMatchObject({ resultCount: 2, total: 2, filters: { colours: ['red'], types: ['pickup'] } });
  });

  it('searches by address or intersection, offers gray with silver and says which matched', async () => {
    const r = await admin.req('POST', '/api/v1/search', { purpose, filters: { colours: ['silver'], place: { address: 'Gravois & Chippewa', radiusM: 300 } } });
    expect(r.json.colours).toEqual({ requested: ['silver'], offered: ['gray'] });
    expect(r.json.items.map((h: { colour: string; colourMatch: string }) => [h.colour, h.colourMatch])).toEqual([['gray', 'similar'], ['silver', 'requested']]);
    const unknown = await admin.req('POST', '/api/v1/search', { purpose, filters: { place: { address: 'Nowhere Lane' } } });
    expect(unknown.json.error.id).toBe('place_not_found');
  });

  it('grades fuzzy plate hits and refuses a too-broad pattern with a hint', async () => {
    const r = await admin.req('POST', '/api/v1/search', { purpose, filters: { plate: { text: 'KXR4821', fuzzy: true } }, sort: 'quality' });
    expect(r.json.items.map((h: { plate: string; plateMatch: { quality: string } }) => [h.plate, h.plateMatch.quality])).toEqual([['KXR4821', 'exact'], ['KXR4821', 'exact'], ['KXR482I', 'confusion']]);
    const broad = await admin.req('POST', '/api/v1/search', { purpose, filters: { time: { last: '7d' }, plate: { text: 'K*1' } } });
    expect(broad.status).toBe(400);
    expect(broad.json.error).toMatchObject({ id: 'plate_pattern_too_broad', details: { knownChars: 2 } });
  });

  it('pages with a keyset cursor', async () => {
    const first = await admin.req('POST', '/api/v1/search', { purpose, filters: { time: { last: '7d' } }, limit: 4 });
    const second = await admin.req('POST', '/api/v1/search', { purpose, filters: { time: { last: '7d' } }, limit: 4, cursor: first.json.nextCursor });
    expect(first.json.items).toHaveLength(4);
    expect(second.json.items).toHaveLength(2);
    expect(second.json.nextCursor).toBeNull();
    expect((await admin.req('POST', '/api/v1/search', { purpose, cursor: 'nonsense' })).json.error.id).toBe('cursor_invalid');
  });

  it('follows a plate across cameras as a journey with a LineString, purpose in the query', async () => {
    const q = new URLSearchParams({ plate: 'KXR4821', caseNumber: purpose.caseNumber, offence: purpose.offence, reason: purpose.text });
    const r = await admin.req('GET', `/api/v1/vehicles/journey?${q}`);
    expect(r.status).toBe(200);
    expect(r.json.sightings.map((s: { cameraName: string }) => s.cameraName)).toEqual(['Camera A', 'Camera C']);
    expect(r.json.path.geometry).toEqual({ type: 'LineString', coordinates: [[-90.2431, 38.5912], [-90.21, 38.63]] });
    expect((await auditOf('search.journey'))[0]).toMatchObject({ target: 'KXR4821', outcome: 'success' });
    expect((await admin.req('GET', '/api/v1/vehicles/journey?plate=KXR4821')).json.error.id).toBe('purpose_required');
  });

  it('exports CSV and GeoJSON, audited with the count', async () => {
    const body = { purpose, filters: { colours: ['red'], types: ['pickup'] } };
    const csv = await admin.req('POST', '/api/v1/search/export?format=csv', body);
    expect(csv.body.split('\n')[0]).toContain('id,startedAt');
    expect(csv.body.trim().split('\n')).toHaveLength(4);
    const geo = await admin.req('POST', '/api/v1/search/export?format=geojson', body);
    expect(JSON.parse(geo.body).features).toHaveLength(3);
    expect(JSON.parse((await auditOf('search.export'))[0]!.details!)).toMatchObject({ format: 'geojson', resultCount: 3 });
  });

  it('parses the natural-language box into filters and chips without searching', async () => {
    const r = await admin.req('POST', '/api/v1/search/parse', { text: 'red pickup near Gravois and Chippewa last night after 9', utcOffsetMinutes: -360 });
    expect(r.json.filters).toMatchObject({ colours: ['red'], types: ['pickup'], place: { address: 'Gravois & Chippewa' }, time: { from: '2026-11-22T03:00:00.000Z' } });
    expect(r.json.chips.length).toBeGreaterThanOrEqual(4);
  });

  it('does not let an auditor search', async () => {
    expect((await auditor.req('POST', '/api/v1/search', { purpose })).json.error.id).toBe('role_not_allowed');
  });
});
