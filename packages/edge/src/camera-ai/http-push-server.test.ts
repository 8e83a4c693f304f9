import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteOutbox } from '../outbox/sqlite-outbox.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { startHttpPushServer, type HttpPushServer } from './http-push-server.ts';

const SECRET = 'corner-shop-secret-0123456789';
const OTHER = 'bakery-secret-abcdefghijklmnop';

describe('camera-AI HTTP push endpoint', () => {
  let outbox: Outbox;
  let server: HttpPushServer;
  beforeEach(async () => {
    outbox = createSqliteOutbox(new Database(':memory:'));
    const config = { host: '127.0.0.1', port: 0, maxBodyKiB: 4, cameras: [{ cameraId: 'corner-shop', secret: SECRET }, { cameraId: 'bakery', secret: OTHER }] };
    server = await startHttpPushServer({ config, publish: (k, p, key) => outbox.enqueue(k, p, key) });
  });
  afterEach(() => server.stop());

  const post = (body: unknown, opts: { auth?: string; path?: string; type?: string } = {}) =>
    fetch(`${server.url}${opts.path ?? '/api/v1/camera-ai/events'}`, {
      method: 'POST',
      headers: { 'content-type': opts.type ?? 'application/json', authorization: opts.auth ?? `Bearer ${SECRET}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const event = { eventId: 'evt-1', time: '2026-11-22T17:03:12.345+01:00', type: 'Sport utility', colour: 'grey', plate: { text: 'ab-12 3cd', confidence: 0.93 }, direction: 'NE', box: [100, 200, 300, 150] };

  it('stores a pushed event once as a camera-ai VehicleEvent with normalised vocabularies', async () => {
    const res = await post(event);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ key: 'camera_ai:corner-shop:evt-1', duplicate: false, localId: 'ai:corner-shop:evt-1' });
    const [item, ...rest] = outbox.takeBatch(10);
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ kind: 'vehicle_event', key: 'camera_ai:corner-shop:evt-1' });
    expect(item!.payload).toEqual({
      localId: 'ai:corner-shop:evt-1', cameraId: 'corner-shop', startedAt: '2026-11-22T16:03:12.345Z', endedAt: '2026-11-22T16:03:12.345Z',
      type: 'suv', colour: 'gray', colourConfidence: 0.5, colourAlt: null,
      plate: { text: 'AB123CD', confidence: 0.93, chars: [], alternates: [] }, direction: 45, box: [100, 200, 300, 150], source: 'camera-ai',
    });
  });

  it('sends a duplicate twice and stores it once (200, duplicate: true)', async () => {
    expect((await post(event)).status).toBe(201);
    const again = await post({ ...event, colour: 'red' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(outbox.pending()).toBe(1);
    expect((outbox.takeBatch(10)[0]!.payload as { colour: string }).colour).toBe('gray');
  });

  it('accepts HTTP basic with the camera id as user; the same event id on another camera is another event', async () => {
    const basic = `Basic ${Buffer.from(`bakery:${OTHER}`).toString('base64')}`;
    expect((await post(event, { auth: basic })).status).toBe(201);
    expect((await post(event)).status).toBe(201);
    expect(outbox.takeBatch(10).map((i) => i.key)).toEqual(['camera_ai:bakery:evt-1', 'camera_ai:corner-shop:evt-1']);
  });

  it('maps an AXIS License Plate Verifier event', async () => {
    const lpv = { packetCounter: 7, datetime: '20261122 170312345', plateUTF8: 'RZ3832H', plateCountry: 'USA', plateConfidence: 0.88, carState: 'new', carMoveDirection: 'in', carID: 1087595, capture_timestamp: 1795194192345 };
    expect((await post(lpv, { path: '/api/v1/camera-ai/axis-lpv' })).status).toBe(201);
    expect(outbox.takeBatch(1)[0]).toMatchObject({
      key: 'camera_ai:corner-shop:lpv-1087595',
      payload: { type: 'unknown', colour: null, plate: { text: 'RZ3832H', confidence: 0.88 }, direction: null, startedAt: new Date(1795194192345).toISOString() },
    });
  });

  it('refuses bad input with stable error ids and writes nothing', async () => {
    const cases: Array<[Promise<Response>, number, string]> = [
      [post(event, { auth: 'Bearer wrong-secret-wrong-secret' }), 401, 'camera_ai_unauthenticated'],
      [post(event, { auth: `Basic ${Buffer.from(`bakery:${SECRET}`).toString('base64')}` }), 401, 'camera_ai_unauthenticated'],
      [post(event, { type: 'text/plain' }), 415, 'unsupported_media_type'],
      [post('{"eventId": ', {}), 400, 'invalid_json'],
      [post({ ...event, time: 'yesterday' }), 400, 'camera_ai_event_invalid'],
      [post({ ...event, eventId: 'has space' }), 400, 'camera_ai_event_invalid'],
      [post({ ...event, surprise: 1 }), 400, 'camera_ai_event_invalid'],
      [post({ ...event, endTime: '2026-11-22T15:00:00Z' }), 400, 'camera_ai_event_invalid'],
      [post({ ...event, plate: { text: 'ABCDEFGHIJK', confidence: 0.9 } }), 400, 'plate_text_invalid'],
      [post({ ...event, cameraId: 'bakery' }), 403, 'camera_mismatch'],
      [post({ ...event, imageJpegBase64: 'x'.repeat(5000) }), 413, 'body_too_large'],
      [post(event, { path: '/api/v1/camera-ai/hikvision' }), 404, 'not_found'],
    ];
    for (const [res, status, id] of cases) {
      const r = await res;
      expect([r.status, ((await r.json()) as { error: { id: string } }).error.id]).toEqual([status, id]);
    }
    const get = await fetch(`${server.url}/api/v1/camera-ai/events`);
    expect(get.status).toBe(405);
    expect(outbox.pending()).toBe(0);
  });

  it('explains an invalid field in details', async () => {
    const r = await post({ ...event, plate: { text: 'ABC', confidence: 93 } });
    const body = (await r.json()) as { error: { details: { issues: Array<{ path: string }> } } };
    expect(body.error.details.issues.map((i) => i.path)).toContain('plate.confidence');
  });
});
