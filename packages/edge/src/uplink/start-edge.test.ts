import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeConfigSchema, loadEdgeConfig } from '../config.ts';
import { startEdge, type RunningEdge } from '../main.ts';
import { resolveFfmpegPath } from '../sources/ffmpeg-binary.ts';
import { startRecordingHub, type RecordingHub } from './recording-hub.ts';

const until = async (cond: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !cond(); await new Promise((r) => setTimeout(r, 50))) if (Date.now() > end) throw new Error('timed out');
};

describe('edge config', () => {
  it('fills every default and documents every field', () => {
    const c = edgeConfigSchema.parse({});
    expect(c).toMatchObject({ segmentSeconds: 60, heartbeatSeconds: 10, watchdogStallSeconds: 20, segmentFormat: 'fmp4', cameras: [] });
    for (const [key, field] of Object.entries(edgeConfigSchema.shape)) expect(field.description, key).toBeTruthy();
  });
  it('reads CAMNET_* environment over the file and rejects out-of-bounds values', () => {
    const c = loadEdgeConfig({ env: { CAMNET_HUB_URL: 'http://hub:8080', CAMNET_EDGE_SEGMENT_SECONDS: '30' } });
    expect([c.hubUrl, c.segmentSeconds]).toEqual(['http://hub:8080', 30]);
    expect(() => edgeConfigSchema.parse({ watchdogStallSeconds: 31 })).toThrow();
    expect(() => edgeConfigSchema.parse({ cameras: [{ id: 'a/b', source: { kind: 'file', path: 'x' } }] })).toThrow();
  });
});

describe('startEdge (real ffmpeg, SQLite, WebSocket, HTTP)', () => {
  let dir: string;
  let hub: RecordingHub;
  let edge: RunningEdge;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'camnet-edge-'));
    const video = join(dir, 'src.mp4');
    spawnSync(resolveFfmpegPath(), ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=10', '-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-y', video]);
    hub = await startRecordingHub({ token: 'tok', credential: 'cred-xyz' });
    edge = await startEdge({
      dataDir: join(dir, 'data'), hubUrl: hub.url, enrolToken: 'tok', segmentSeconds: 2, heartbeatSeconds: 0.2, logLevel: 'silent',
      cameras: [{ id: 'cam1', source: { kind: 'file', path: video }, privacyMasks: [[[0, 0], [0.5, 0], [0.5, 0.5]]] }],
    });
  });
  afterAll(async () => {
    await edge?.stop();
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrols, records, reports health, forwards events once, and serves a clip whose hash matches at the hub', async () => {
    expect(edge.edgeId).toBe('edge-1');
    await until(() => hub.authorizations.length > 0, 3000);
    expect(hub.authorizations[0]).toBe('Bearer cred-xyz');
    await until(() => edge.index.segmentsBetween('cam1', 0, Date.now() + 1).length >= 2, 10_000);
    await until(() => hub.messages.some((m) => m.type === 'heartbeat' && m.cameras[0]?.online === true), 3000);
    edge.publish('vehicle_event', { n: 1 }, 'vehicle_event:cam1:1');
    edge.publish('vehicle_event', { n: 1 }, 'vehicle_event:cam1:1');
    await until(() => hub.stored.has('vehicle_event:cam1:1') && edge.outbox.pending() === 0, 3000);
    expect(hub.duplicates).toBe(0);

    const segs = edge.index.segmentsBetween('cam1', 0, Date.now() + 1);
    const [start, end] = [new Date(segs[0]!.startMs).toISOString(), new Date(segs[1]!.endMs).toISOString()];
    hub.send({ type: 'clip.request', id: 'clip-1', cameraId: 'cam1', start, end });
    await until(() => hub.messages.some((m) => m.type === 'clip.ready' || m.type === 'command.failed'), 10_000);
    const ready = hub.messages.find((m) => m.type === 'clip.ready');
    expect(ready).toMatchObject({ of: 'clip-1', cameraId: 'cam1' });
    expect(hub.uploads[0]?.hubSha256).toBe(ready?.type === 'clip.ready' ? ready.sha256 : 'missing');
    expect(edge.index.activeHolds(Date.now()).map((h) => h.id)).toContain('clip:clip-1');

    hub.send({ type: 'snapshot.request', id: 'snap-1', cameraId: 'cam1', from: 'recording' });
    await until(() => hub.messages.some((m) => m.type === 'snapshot.ready'), 5000);
    expect(hub.messages.find((m) => m.type === 'snapshot.ready')).toMatchObject({ of: 'snap-1', masked: true });
    expect(hub.uploads[1]?.edgeSha256).toBe(hub.uploads[1]?.hubSha256);

    // A live snapshot of a recording camera reads the tail of the segment being written.
    hub.send({ type: 'snapshot.request', id: 'snap-2', cameraId: 'cam1' });
    await until(() => hub.messages.some((m) => m.type === 'snapshot.ready' && m.of === 'snap-2'), 5000);
    expect(hub.uploads[2]).toMatchObject({ path: '/api/v1/edges/snapshots/snap-2' });
  });

  it('records the cameras the hub assigns (cameras.config), keeps the list on disk 0600, reports unusable ones', async () => {
    hub.send({
      type: 'cameras.config', id: 'cc-1', cameras: [
        { cameraId: 'hubcam', name: 'From registry', streamUrl: `file://${join(dir, 'src.mp4')}`, retentionDays: 7, maskMode: 'overlay', privacyMasks: [], headingDeg: 90 },
        { cameraId: 'nostream', name: 'Pending', streamUrl: null, retentionDays: 30, maskMode: 'overlay', privacyMasks: [], headingDeg: 0 },
      ],
    });
    await until(() => edge.health().cameras.some((c) => c.cameraId === 'hubcam' && c.online), 8000);
    expect(edge.cameras().map((c) => c.id)).toEqual(['cam1', 'hubcam']);
    expect(edge.health().cameras.find((c) => c.cameraId === 'nostream')).toMatchObject({ online: false, lastError: 'no_stream_url' });
    expect(statSync(join(dir, 'data', 'hub-cameras.json')).mode & 0o777).toBe(0o600);
  });
});
