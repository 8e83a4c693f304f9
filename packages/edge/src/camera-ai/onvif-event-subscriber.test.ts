import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteOutbox } from '../outbox/sqlite-outbox.ts';
import { onvifAnalyticsCameraSchema } from './camera-ai-config.ts';
import { publishCameraAiEvent } from './camera-ai-event.ts';
import { startOnvifEventSubscriber, type OnvifEventSubscriber } from './onvif-event-subscriber.ts';

// Device responses: the Core/Media ones the ONVIF source tests use, and the Event service ones written for here.
const deviceFixture = (name: string) => readFileSync(new URL(`../sources/fixtures/onvif/${name}.xml`, import.meta.url), 'utf8');
const eventFixture = (name: string) => readFileSync(new URL(`./fixtures/onvif/${name}.xml`, import.meta.url), 'utf8');
const DEVICE: Record<string, string> = { GetSystemDateAndTime: 'get-system-date-and-time', GetCapabilities: 'get-capabilities', GetProfiles: 'get-profiles', GetVideoSources: 'get-video-sources' };
const EVENTS: Record<string, string> = { CreatePullPointSubscription: 'create-pull-point-subscription', Renew: 'renew', Unsubscribe: 'unsubscribe' };
const ACTION = /<(?:\w+:)?(Get[A-Za-z]+|CreatePullPointSubscription|PullMessages|Renew|Unsubscribe)[\s>/]/;

interface FakeOptions {
  /** What each PullMessages answers, in order; after the list: empty answers. 'hang' never answers. */
  pulls: Array<'vehicles' | 'empty' | 'hang'>;
  /** Seconds between CurrentTime and TerminationTime in event answers. */
  termSeconds?: number;
  /** Actions answered once with a SOAP fault before they work. */
  failOnce?: string[];
}

/** A recorded ONVIF camera with an event service: answers each SOAP action from its fixture. */
function startFakeCamera(opts: FakeOptions): Promise<{ server: Server; port: number; actions: string[] }> {
  const actions: string[] = [];
  const failOnce = new Set(opts.failOnce ?? []);
  let pulls = 0;
  let host = '';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const action = ACTION.exec(body)?.[1] ?? 'unknown';
      actions.push(action);
      const now = new Date();
      const term = new Date(now.getTime() + (opts.termSeconds ?? 120) * 1000);
      const fill = (xml: string) => xml.replaceAll('CAMHOST', host).replaceAll('NOW', iso(now)).replaceAll('TERM', iso(term)).replace('SUBIDX', String(actions.length));
      const send = (status: number, xml: string) => res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(fill(xml));
      if (failOnce.delete(action)) return send(400, deviceFixture('action-not-supported-fault'));
      if (action === 'PullMessages') {
        const next = opts.pulls[pulls++] ?? 'empty';
        if (next === 'hang') return;
        return void setTimeout(() => send(200, eventFixture(next === 'vehicles' ? 'pull-messages-vehicles' : 'pull-messages-empty')), next === 'empty' ? 50 : 0);
      }
      const file = DEVICE[action] ?? EVENTS[action];
      send(file ? 200 : 400, file ? (DEVICE[action] ? deviceFixture(file) : eventFixture(file)) : deviceFixture('action-not-supported-fault'));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      host = `127.0.0.1:${port}`;
      resolve({ server, port, actions });
    }),
  );
}
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('ONVIF analytics subscription (PullPoint)', () => {
  const cleanup: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function subscribe(opts: FakeOptions) {
    const device = await startFakeCamera(opts);
    cleanup.push(() => device.server.close());
    const outbox = createSqliteOutbox(new Database(':memory:'));
    const camera = onvifAnalyticsCameraSchema.parse({ cameraId: 'gate-cam', hostname: '127.0.0.1', port: device.port, username: 'events', password: 'secret', retryMinMs: 20 });
    const logs: string[] = [];
    const sub: OnvifEventSubscriber = startOnvifEventSubscriber({ camera, onEvent: (e) => publishCameraAiEvent((k, p, key) => outbox.enqueue(k, p, key), e), log: (m) => logs.push(m) });
    cleanup.push(() => sub.stop());
    return { device, outbox, sub, logs };
  }

  it('subscribes, pulls, renews, stores each vehicle once (a repeat delivery too), then unsubscribes on stop', async () => {
    const { device, outbox, sub } = await subscribe({ pulls: ['vehicles', 'vehicles'], termSeconds: 30 });
    await until(() => device.actions.filter((a) => a === 'PullMessages').length >= 3 && device.actions.includes('Renew'));
    const items = outbox.takeBatch(10);
    expect(items.map((i) => i.key)).toEqual([`camera_ai:gate-cam:onvif-${Date.parse('2026-11-22T16:03:12.345Z')}-7ABC123`, 'camera_ai:gate-cam:lpv-1087595']);
    // The box is in the pixels of the camera's first profile (1920×1080 in get-profiles.xml).
    expect(items[0]!.payload).toMatchObject({ source: 'camera-ai', type: 'truck', plate: { text: '7ABC123' }, box: [720, 405, 720, 405] });
    expect(device.actions.slice(0, 2)).toEqual(['GetSystemDateAndTime', 'GetServices']);
    await sub.stop();
    expect(device.actions.at(-1)).toBe('Unsubscribe');
    const count = device.actions.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(device.actions.length).toBe(count);
  });

  it('retries a failed subscription and goes on', async () => {
    const { device, outbox, logs } = await subscribe({ pulls: ['vehicles'], failOnce: ['CreatePullPointSubscription'] });
    await until(() => outbox.pending() === 2);
    expect(device.actions.filter((a) => a === 'CreatePullPointSubscription')).toHaveLength(2);
    expect(logs).toContain('onvif events: failed, retrying');
  });

  it('stops at once even while the camera holds a pull open', async () => {
    const { device, sub } = await subscribe({ pulls: ['hang'] });
    await until(() => device.actions.includes('PullMessages'));
    const t0 = Date.now();
    await sub.stop();
    expect(Date.now() - t0).toBeLessThan(2500);
  });
});
