import { describe, expect, it } from 'vitest';
import type { CameraRecorder } from './camera-recorder.ts';
import { createRecorderPool, type PooledCamera } from './recorder-pool.ts';

/** A recorder that only writes down what was done to it. */
function recordingFake(id: string, log: string[]): CameraRecorder {
  return {
    start: () => void log.push(`start ${id}`),
    stop: async () => void log.push(`stop ${id}`),
    health: () => ({ cameraId: id, online: true, fps: 1, lastFrameAt: null }),
    currentSegmentPath: () => null,
  };
}
const cam = (id: string, path = `/v/${id}.mp4`, record = true): PooledCamera => ({ id, source: { kind: 'file', path, loop: true }, record });

describe('recorder pool', () => {
  it('starts new cameras, restarts only changed ones, stops removed and non-recording ones', async () => {
    const log: string[] = [];
    const pool = createRecorderPool((c) => recordingFake(c.id, log));
    await pool.apply([cam('a'), cam('b')]);
    expect(log.splice(0)).toEqual(['start a', 'start b']);
    await pool.apply([cam('a'), cam('b', '/v/other.mp4'), cam('c', '/v/c.mp4', false)]);
    expect(log.splice(0)).toEqual(['stop b', 'start b']);
    await pool.apply([cam('b', '/v/other.mp4')]);
    expect(log.splice(0)).toEqual(['stop a']);
    expect(pool.all()).toHaveLength(1);
    await pool.stopAll();
    expect(log).toEqual(['stop b']);
    expect(pool.get('b')).toBeUndefined();
  });
});
