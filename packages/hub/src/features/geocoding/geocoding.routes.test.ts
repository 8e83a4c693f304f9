import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, setUpAdmin } from '../../testing/test-hub.ts';
import type { Client, TestHub } from '../../testing/test-hub.ts';

const csv = [
  'LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE,ID,HASH',
  '-90.24000,38.59000,3500,Gravois Ave,,St. Louis,,MO,63118,,',
  '-90.24000,38.59100,3510,Gravois Ave,,St. Louis,,MO,63118,,',
  '-90.23000,38.59050,3500,Gravois St,,St. Louis,,MO,63118,,',
  '-90.25000,38.60000,2201,Chippewa St,,St. Louis,,MO,63118,,',
].join('\n');
const geojson = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [-90.2405, 38.5905] }, properties: { street1: 'Gravois Avenue', street2: 'Chippewa Street' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [-90.245, 38.595] }, properties: { number: '4100', street: 'Grand Blvd' } },
  ],
});

describe('geocoding over HTTP: import (OpenAddresses CSV, GeoJSON) and look-up', () => {
  let t: TestHub;
  let admin: Client;
  const geocode = (q: string) => admin.req('GET', `/api/v1/geocode?q=${encodeURIComponent(q)}`);

  beforeAll(async () => {
    t = await createTestHub();
    admin = (await setUpAdmin(t)).client;
  });
  afterAll(() => t.close());

  it('previews an import with per-line errors and writes nothing until every line is right', async () => {
    const bad = `${csv}\n-90.2,95,12,Nowhere St,,,,,,,\n-90.2,38.5,,Gravois Ave,,,,,,,`;
    const preview = await admin.req('POST', '/api/v1/geocoding/import?dryRun=false', bad, { 'content-type': 'text/csv' });
    expect(preview.json).toMatchObject({ imported: false, errors: [{ line: 6, id: 'position_invalid' }, { line: 7, id: 'address_incomplete' }] });
    expect((await admin.req('GET', '/api/v1/geocoding')).json).toEqual({ addressPoints: 0, intersections: 0 });
    expect((await admin.req('POST', '/api/v1/geocoding/import', csv, { 'content-type': 'text/csv' })).json).toMatchObject({ imported: false, addressPoints: 4, errors: [] });
    expect((await admin.req('POST', '/api/v1/geocoding/import?dryRun=false', csv, { 'content-type': 'text/csv' })).json).toMatchObject({ imported: true, addressPoints: 4 });
    expect((await admin.req('POST', '/api/v1/geocoding/import?dryRun=false', geojson, { 'content-type': 'application/geo+json' })).json).toMatchObject({ imported: true, addressPoints: 1, intersections: 1 });
    expect((await admin.req('GET', '/api/v1/geocoding')).json).toEqual({ addressPoints: 5, intersections: 1 });
  });

  it('geocodes an address and its variants: case, abbreviations, a missing suffix, a city after a comma', async () => {
    for (const q of ['3500 Gravois Ave', '3500 GRAVOIS AVENUE', '3500 gravois av.', '3500 Gravois Ave, St. Louis, MO 63118']) {
      expect((await geocode(q)).json, q).toMatchObject({ lat: 38.59, lon: -90.24, label: '3500 Gravois Ave', precision: 'exact', kind: 'address' });
    }
    expect((await geocode('3500 Gravois St')).json).toMatchObject({ lon: -90.23, label: '3500 Gravois St' });
    expect((await geocode('3500 Gravois')).json.precision).toBe('exact'); // no suffix: either street; both have a 3500
    expect((await geocode('3506 Gravois Ave')).json).toMatchObject({ precision: 'interpolated', lat: expect.closeTo(38.5906, 6) });
    expect((await geocode('4100 grand boulevard')).json).toMatchObject({ label: '4100 Grand Blvd' });
  });

  it('geocodes intersections typed in the ways people type them', async () => {
    for (const q of ['Gravois & Chippewa', 'gravois and chippewa st', 'Chippewa / Gravois Ave', 'GRAVOIS @ CHIPPEWA']) {
      expect((await geocode(q)).json, q).toMatchObject({ lat: 38.5905, lon: -90.2405, kind: 'intersection', label: 'Gravois Avenue & Chippewa Street' });
    }
  });

  it('says address_not_found with suggestions so the operator can pick one or drop a pin', async () => {
    const street = await geocode('3500 Gravy Blvd');
    expect(street.status).toBe(404);
    expect(street.json.error).toMatchObject({ id: 'address_not_found', details: { suggestions: expect.arrayContaining(['Gravois Ave']) } });
    expect(street.json.error.message).toContain('Drop a pin');
    const number = await geocode('9900 Gravois Ave');
    expect(number.json.error).toMatchObject({ id: 'address_not_found', details: { suggestions: ['3510 Gravois Ave', '3500 Gravois Ave'] } });
    const crossing = await geocode('Grand & Chippewa');
    expect(crossing.json.error).toMatchObject({ id: 'address_not_found', details: { suggestions: [] } });
    expect((await geocode('somewhere downtown')).json.error.id).toBe('address_not_understood');
  });
});
