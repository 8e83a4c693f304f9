import { describe, expect, it } from 'vitest';
import { edgeMessageSchema, hubMessageSchema, PROTOCOL_VERSION } from './messages.ts';
import { recordingGapSchema } from './edge-events.ts';

const T = '2026-11-22T10:00:00.000Z';

describe('hub ⇄ edge protocol', () => {
  it('accepts an events batch and its ack with counts', () => {
    const batch = { type: 'events', id: 'b1', events: [{ key: 'vehicle_event:c:1', kind: 'vehicle_event', edgeTime: T, payload: { x: 1 } }] };
    expect(edgeMessageSchema.parse(batch)).toEqual(batch);
    expect(hubMessageSchema.parse({ type: 'ack', id: 'a1', of: 'b1', accepted: 1, duplicates: 0 })).toMatchObject({ of: 'b1' });
    expect(edgeMessageSchema.safeParse({ ...batch, events: [] }).success).toBe(false);
  });

  it('carries clip and snapshot commands and their results', () => {
    expect(hubMessageSchema.parse({ type: 'clip.request', id: 'r1', cameraId: 'c', start: T, end: T, exact: true }).type).toBe('clip.request');
    expect(hubMessageSchema.parse({ type: 'snapshot.request', id: 'r2', cameraId: 'c' }).type).toBe('snapshot.request');
    const ready = { type: 'clip.ready', id: 'm', of: 'r1', cameraId: 'c', start: T, end: T, bytes: 10, sha256: 'a'.repeat(64), exact: false };
    expect(edgeMessageSchema.parse(ready)).toMatchObject({ gaps: [] });
    expect(edgeMessageSchema.safeParse({ ...ready, sha256: 'XYZ' }).success).toBe(false);
    expect(edgeMessageSchema.parse({ type: 'command.failed', id: 'm2', of: 'r1', errorId: 'no_recording_in_window', message: 'x' }).type).toBe('command.failed');
  });

  it('keeps hello versioned and rejects unknown message types (peers ignore them)', () => {
    expect(edgeMessageSchema.parse({ type: 'hello', id: 'h', protocolVersion: PROTOCOL_VERSION, agentVersion: '0.1.0', edgeTime: T }).type).toBe('hello');
    expect(hubMessageSchema.safeParse({ type: 'live.start', id: 'x' }).success).toBe(false);
  });

  it('carries each camera’s picture check in heartbeats (minor 2); an older edge’s heartbeat without it still parses', () => {
    const camera = { cameraId: 'c', online: true, fps: 5, lastFrameAt: T };
    const beat = { type: 'heartbeat', id: 'h', edgeTime: T, clockOffsetMs: 0, diskUsedBytes: 0, diskBudgetBytes: 1, cameras: [{ ...camera, picture: { platesChecked: 50, platesClipped: 21, warning: 'overexposed' } }] };
    expect(edgeMessageSchema.parse(beat)).toEqual(beat);
    expect(edgeMessageSchema.parse({ ...beat, cameras: [camera] })).toMatchObject({ cameras: [camera] });
    expect(edgeMessageSchema.safeParse({ ...beat, cameras: [{ ...camera, picture: { platesChecked: 50, platesClipped: 21, warning: 'too_dark' } }] }).success).toBe(false);
  });

  it('describes recording gaps, open or closed', () => {
    expect(recordingGapSchema.parse({ cameraId: 'c', start: T, end: null, cause: 'stalled' }).end).toBeNull();
  });
});
