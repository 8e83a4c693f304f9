import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CORNER, createRtccFixture, type RtccFixture } from '../incidents/rtcc-test-fixture.ts';

/** A live socket that collects every message, with a wait for the first of one type. */
async function liveSocket(url: string, cookie: string) {
  const messages: { type: string; [k: string]: unknown }[] = [];
  const ws = new WebSocket(url, { headers: { cookie } });
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = async (type: string, timeoutMs = 3000) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const m = messages.find((x) => x.type === type);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${type} message within ${timeoutMs} ms; got ${messages.map((x) => x.type).join(', ')}`);
  };
  return { ws, messages, next };
}

describe('BOLOs: operator → patrol over the live WebSocket → acknowledgement back to the operator', () => {
  let f: RtccFixture;
  let wsUrl: string;

  beforeAll(async () => {
    f = await createRtccFixture();
    await f.t.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = f.t.app.server.address() as { port: number };
    wsUrl = `ws://127.0.0.1:${addr.port}/api/v1/live`;
  });
  afterAll(() => f.t.close());

  it('pushes a BOLO to patrol in real time, and the acknowledgement to the operator, audited', async () => {
    const patrolLive = await liveSocket(wsUrl, f.patrol.cookie);
    const operatorLive = await liveSocket(wsUrl, f.operator.cookie);
    const incident = (await f.operator.req('POST', '/api/v1/incidents', { type: 'Carjacking', lat: CORNER.lat, lon: CORNER.lon })).json;
    const sent = await f.operator.req('POST', '/api/v1/bolos', {
      incidentId: incident.id, title: 'Stolen silver sedan', plate: 'abc1234', vehicle: { type: 'car', colour: 'silver', make: 'Honda' },
      images: ['data:image/jpeg;base64,/9j/4AAQSkZJRg=='], lastSeenAt: '2026-11-22T09:55:00.000Z', lastSeenPlace: 'Gravois & Chippewa, heading south',
    });
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({ plate: 'ABC1234', acks: [], acknowledgedByMe: false });

    const pushed = await patrolLive.next('bolo.sent');
    expect(pushed).toMatchObject({ boloId: sent.json.id, plate: 'ABC1234', title: 'Stolen silver sedan' });
    expect(patrolLive.messages.some((m) => m.type === 'incident.created')).toBe(false); // incidents are for the crime centre
    expect((await operatorLive.next('incident.created')).incidentId).toBe(incident.id);

    const feed = await f.patrol.req('GET', '/api/v1/bolos');
    expect(feed.json.items[0]).toMatchObject({ id: sent.json.id, vehicle: { colour: 'silver' }, lastSeenPlace: 'Gravois & Chippewa, heading south' });
    const ack = await f.patrol.req('POST', `/api/v1/bolos/${sent.json.id}/ack`, {});
    expect(ack.status).toBe(200);
    const again = await f.patrol.req('POST', `/api/v1/bolos/${sent.json.id}/ack`, {});
    expect(again.json.at).toBe(ack.json.at);

    expect(await operatorLive.next('bolo.acknowledged')).toMatchObject({ boloId: sent.json.id, userEmail: 'car12@pd.gov' });
    expect(operatorLive.messages.filter((m) => m.type === 'bolo.acknowledged')).toHaveLength(1);
    expect((await f.operator.req('GET', `/api/v1/bolos/${sent.json.id}`)).json.acks).toMatchObject([{ userEmail: 'car12@pd.gov' }]);
    const timeline = (await f.operator.req('GET', `/api/v1/incidents/${incident.id}`)).json.timeline.map((e: { kind: string }) => e.kind);
    expect(timeline.filter((k: string) => k === 'bolo')).toHaveLength(2);
    const audit = await f.t.database.db.selectFrom('audit_log').select(['action', 'actor']).where('action', 'like', 'bolo.%').execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'bolo.send', actor: 'op@pd.gov' }, { action: 'bolo.acknowledge', actor: 'car12@pd.gov' }]));
    patrolLive.ws.close();
    operatorLive.ws.close();
  });

  it('refuses an empty BOLO and keeps patrol from sending one', async () => {
    expect((await f.operator.req('POST', '/api/v1/bolos', { title: 'Something' })).json.error.id).toBe('bolo_empty');
    expect((await f.patrol.req('POST', '/api/v1/bolos', { title: 'x', plate: 'X1' })).json.error.id).toBe('role_not_allowed');
  });
});
