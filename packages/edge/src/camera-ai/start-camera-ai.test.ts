import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { edgeConfigSchema } from '../config.ts';
import { cameraAiConfigSchema, httpPushConfigSchema, onvifAnalyticsCameraSchema, pushCameraSchema } from './camera-ai-config.ts';
import { startEdge, type RunningEdge } from '../main.ts';

const SECRET = 'driveway-secret-0123456789abcdef';

describe('camera AI in startEdge', () => {
  const dirs: string[] = [];
  let edge: RunningEdge | null = null;
  afterEach(async () => {
    await edge?.stop();
    edge = null;
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'camnet-camera-ai-'));
    dirs.push(d);
    return d;
  };

  it('is off by default, and every field of its section is documented', () => {
    const c = edgeConfigSchema.parse({});
    expect(c.cameraAi).toEqual({ push: null, onvif: [] });
    for (const schema of [cameraAiConfigSchema, httpPushConfigSchema, onvifAnalyticsCameraSchema, pushCameraSchema]) {
      for (const [key, field] of Object.entries(schema.shape)) expect(field.description, key).toBeTruthy();
    }
    expect(() => edgeConfigSchema.parse({ cameraAi: { push: { cameras: [{ cameraId: 'a', secret: 'short' }] } } })).toThrow();
    expect(edgeConfigSchema.parse({ cameraAi: { push: { cameras: [{ cameraId: 'a', secret: SECRET }] } } }).cameraAi.push).toMatchObject({ host: '127.0.0.1', port: 8788 });
  });

  it('serves the push endpoint from the edge; a pushed event lands in the edge outbox once and survives a restart', async () => {
    const dir = dataDir();
    const config = { dataDir: dir, logLevel: 'silent' as const, cameraAi: { push: { port: 0, cameras: [{ cameraId: 'driveway', secret: SECRET }] } } };
    edge = await startEdge(config);
    expect(edge.cameraAiPushUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const send = () =>
      fetch(`${edge!.cameraAiPushUrl}/api/v1/camera-ai/events`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
        body: JSON.stringify({ eventId: '991', time: 1795363392345, type: 'Pickup', color: 'Silver', plate: { text: '4GHJ 512', confidence: 0.8 } }),
      });
    expect([(await send()).status, (await send()).status]).toEqual([201, 200]);
    await edge.stop();
    edge = await startEdge(config);
    expect((await send()).status).toBe(200);
    const items = edge.outbox.takeBatch(10);
    expect(items.map((i) => [i.kind, i.key])).toEqual([['vehicle_event', 'camera_ai:driveway:991']]);
    expect(items[0]!.payload).toMatchObject({ type: 'pickup', colour: 'silver', plate: { text: '4GHJ512' }, source: 'camera-ai' });
  });

  it('fails to start, cleanly, when the push port is taken', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as { port: number }).port)));
    try {
      await expect(startEdge({ dataDir: dataDir(), logLevel: 'silent', cameraAi: { push: { port, cameras: [{ cameraId: 'x', secret: SECRET }] } } })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });
});
