import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type EdgeMessage } from '@camnet/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClipService } from '../clips/clip-service.ts';
import { createSqliteOutbox } from '../outbox/sqlite-outbox.ts';
import { createSqliteSegmentIndex } from '../recording/sqlite-segment-index.ts';
import { clockOffsetMs, reconnectDelayMs } from './backoff.ts';
import { createCommandHandler, type HubCommand } from './command-handler.ts';
import { enrolEdge, loadCredential } from './enrolment.ts';
import { uploadToHub } from './http-upload.ts';
import { startRecordingHub, type RecordingHub } from './recording-hub.ts';
import { startUplink, type Uplink } from './ws-uplink.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const until = async (cond: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !cond(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error('timed out');
};
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'camnet-uplink-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
};

function setup(hub: RecordingHub, onCommand: (cmd: HubCommand) => Promise<EdgeMessage> = async () => ({ type: 'ack', id: 'x', of: 'x' })) {
  const outbox = createSqliteOutbox(new Database(':memory:'));
  const uplink: Uplink = startUplink({
    hubUrl: hub.url, credential: () => 'secret-cred', agentVersion: '0.1.0', cameraIds: () => ['cam1'], outbox,
    health: () => ({ cameras: [{ cameraId: 'cam1', online: true, fps: 12.5, lastFrameAt: null }], diskUsedBytes: 10, diskBudgetBytes: 100 }),
    onCommand, heartbeatMs: 100, backoff: { minMs: 20, maxMs: 200 }, batchSize: 50, ackTimeoutMs: 5000,
  });
  cleanups.push(() => uplink.stop());
  return { outbox, uplink };
}

describe('backoff and clock offset', () => {
  it('doubles from the minimum, caps at the maximum, jitters within [cap/2, cap]', () => {
    const p = { minMs: 1000, maxMs: 60_000 };
    expect([0, 1, 2, 10].map((a) => reconnectDelayMs(a, p, () => 1))).toEqual([1000, 2000, 4000, 60_000]);
    expect(reconnectDelayMs(3, p, () => 0)).toBe(4000);
  });
  it('estimates edge minus hub from one round trip', () => {
    expect(clockOffsetMs(10_000, new Date(7_100).toISOString(), 10_200)).toBe(3000);
    expect(clockOffsetMs(0, 'garbage', 0)).toBeNull();
  });
});

describe('enrolment', () => {
  it('stores the credential 0600 and refuses a bad token with the hub’s reason', async () => {
    const hub = await startRecordingHub({ token: 'one-time', credential: 'c-123' });
    cleanups.push(() => hub.close());
    const dir = tempDir();
    await expect(enrolEdge({ hubUrl: hub.url, token: 'wrong', dataDir: dir })).rejects.toThrow(/401 enrolment_token_invalid/);
    expect(loadCredential(dir)).toBeNull();
    const cred = await enrolEdge({ hubUrl: hub.url, token: 'one-time', dataDir: dir });
    expect(cred).toMatchObject({ edgeId: 'edge-1', credential: 'c-123', hubUrl: hub.url });
    expect(loadCredential(dir)?.credential).toBe('c-123');
    expect(statSync(join(dir, 'credential.json')).mode & 0o777).toBe(0o600);
  });
});

describe('WebSocket uplink against a loopback hub', () => {
  it('says hello with bearer and protocol version, heartbeats, and sends the outbox acknowledged by id', async () => {
    const hub = await startRecordingHub();
    cleanups.push(() => hub.close());
    const { outbox, uplink } = setup(hub);
    for (let i = 0; i < 120; i++) outbox.enqueue('vehicle_event', { i }, `ev-${i}`);
    uplink.notify();
    await until(() => hub.stored.size === 120 && outbox.pending() === 0);
    await until(() => hub.messages.filter((m) => m.type === 'heartbeat').length >= 2);
    expect(hub.authorizations[0]).toBe('Bearer secret-cred');
    expect(hub.messages[0]).toMatchObject({ type: 'hello', protocolVersion: PROTOCOL_VERSION, cameraIds: ['cam1'] });
    expect(hub.messages.find((m) => m.type === 'heartbeat')).toMatchObject({ cameras: [{ cameraId: 'cam1', online: true }], diskBudgetBytes: 100 });
    expect(hub.messages.filter((m) => m.type === 'events').map((m) => (m.type === 'events' ? m.events.length : 0))).toEqual([50, 50, 20]);
    expect(hub.duplicates).toBe(0);
    expect(Math.abs(uplink.status().clockOffsetMs)).toBeLessThan(50);
  });

  it('resends an unacknowledged batch after reconnecting; the hub stores each event once; acked items never again', async () => {
    const hub = await startRecordingHub();
    cleanups.push(() => hub.close());
    const { outbox, uplink } = setup(hub);
    outbox.enqueue('vehicle_event', { a: 1 }, 'first');
    uplink.notify();
    await until(() => outbox.pending() === 0);
    hub.acking = false;
    for (let i = 0; i < 10; i++) outbox.enqueue('vehicle_event', { i }, `k-${i}`);
    uplink.notify();
    await until(() => hub.stored.size === 11);
    hub.acking = true;
    hub.dropConnections();
    await until(() => outbox.pending() === 0 && uplink.status().reconnects >= 1);
    expect(hub.duplicates).toBe(10);
    const sentKeys = hub.messages.flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.key) : []));
    expect(sentKeys.filter((k) => k === 'first')).toHaveLength(1);
  });

  it('stores and forwards across a hub outage: every event produced while the hub was down arrives once', async () => {
    const first = await startRecordingHub();
    const port = Number(new URL(first.url).port);
    const { outbox, uplink } = setup(first);
    await until(() => uplink.status().connected);
    await first.close();
    for (let i = 0; i < 300; i++) outbox.enqueue('vehicle_event', { i }, `outage-${i}`);
    uplink.notify();
    await new Promise((r) => setTimeout(r, 300)); // several failed reconnects
    expect(outbox.pending()).toBe(300);
    const second = await startRecordingHub({ port });
    cleanups.push(() => second.close());
    await until(() => outbox.pending() === 0);
    expect([second.stored.size, second.duplicates]).toEqual([300, 0]);
  });

  it('carries out a clip request: streams the upload with its SHA-256 and reports clip.ready', async () => {
    const hub = await startRecordingHub();
    cleanups.push(() => hub.close());
    const dir = tempDir();
    const clipPath = join(dir, 'clip.mp4');
    writeFileSync(clipPath, Buffer.alloc(300_000, 7));
    const { createHash } = await import('node:crypto');
    const sha256 = createHash('sha256').update(Buffer.alloc(300_000, 7)).digest('hex');
    const clips = {
      cut: async (r: { cameraId: string; startMs: number; endMs: number; exact: boolean }) => ({ ...r, path: clipPath, bytes: 300_000, sha256, gaps: [], dispose: () => undefined }),
      snapshot: async () => { throw new Error('unused'); },
    } as unknown as ClipService;
    const index = createSqliteSegmentIndex(new Database(':memory:'));
    const handler = createCommandHandler({ clips, index, hubUrl: hub.url, credential: () => 'secret-cred', upload: uploadToHub });
    setup(hub, handler);
    await until(() => hub.messages.length > 0);
    hub.send({ type: 'clip.request', id: 'req-1', cameraId: 'cam1', start: '2026-11-22T10:00:00.000Z', end: '2026-11-22T10:01:00.000Z' });
    hub.send({ type: 'hold.set', id: 'h-cmd', holdId: 'case-9', cameraId: 'cam1', start: '2026-11-22T09:00:00.000Z', end: '2026-11-22T11:00:00.000Z', reason: 'case 9' });
    await until(() => hub.messages.some((m) => m.type === 'clip.ready') && hub.messages.some((m) => m.type === 'ack'));
    expect(hub.uploads[0]).toMatchObject({ path: '/api/v1/edges/clips/req-1', edgeSha256: sha256, hubSha256: sha256, bytes: 300_000, authorization: 'Bearer secret-cred' });
    expect(hub.messages.find((m) => m.type === 'clip.ready')).toMatchObject({ of: 'req-1', sha256, start: '2026-11-22T10:00:00.000Z' });
    expect(index.activeHolds(Date.now()).map((h) => h.id)).toEqual(['case-9']);
  });

  it('reports a failed command with a stable error id', async () => {
    const hub = await startRecordingHub();
    cleanups.push(() => hub.close());
    const clips = { cut: async () => { throw Object.assign(new Error('no recording covers that window'), {}); }, snapshot: async () => ({}) } as unknown as ClipService;
    const handler = createCommandHandler({ clips, index: createSqliteSegmentIndex(new Database(':memory:')), hubUrl: hub.url, credential: () => 'c', upload: uploadToHub });
    setup(hub, handler);
    await until(() => hub.messages.length > 0);
    hub.send({ type: 'clip.request', id: 'req-2', cameraId: 'cam1', start: '2026-11-22T10:00:00.000Z', end: '2026-11-22T10:01:00.000Z' });
    await until(() => hub.messages.some((m) => m.type === 'command.failed'));
    expect(hub.messages.find((m) => m.type === 'command.failed')).toMatchObject({ of: 'req-2', errorId: 'edge_command_failed' });
  });
});
