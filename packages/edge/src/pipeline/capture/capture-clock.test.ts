import { describe, expect, it } from 'vitest';
import { createMosaicDetector } from '../detection/mosaic-detector.ts';
import type { Detection } from '../detection/object-detector.ts';
import { ScriptedObjectDetector } from '../detection/scripted-object-detector.ts';
import { RecordingEventSink } from '../events/event-sink.ts';
import { createVehiclePipeline } from '../vehicle-pipeline.ts';
import { createCaptureClock, type ClockedPipeline } from './capture-clock.ts';
import type { Frame } from './ffmpeg-frame-source.ts';
import type { RgbImage } from './rgb-image.ts';

const W = 64, H = 36, GAP = 8;
/** A flat frame whose pixel value marks camera and frame (camera * 100 + index). */
const frame = (cam: number, index: number, fps = 5): Frame => ({ index, t: index / fps, image: { width: W, height: H, data: new Uint8Array(W * H * 3).fill(cam * 100 + index) } });

/** Scripted CenterNet: one "car" per stacked tile, its score carrying the tile's pixel value, so tests see which frame it came from. */
const markerDetector = () => new ScriptedObjectDetector((_, img: RgbImage) => {
  const dets: Detection[] = [];
  for (let top = 0; top < img.height; top += H + GAP) dets.push({ box: [2, top + 4, 10, 10], cls: 'car', score: img.data[top * img.width * 3]! / 255 });
  return dets;
});

interface Seen { cam: number; t: number; index: number; pixel: number; marker: number | null; detected: boolean }

/** A recording pipeline: the gate answers from `gateOf`, and every analysed frame is recorded. */
function recordingPipeline(cam: number, seen: Seen[], gateOf: (f: Frame) => 'detect' | 'track' | 'skip' = () => 'detect', hold?: () => Promise<void>): ClockedPipeline {
  return {
    async gate(f) { return gateOf(f); },
    async analyseDetected(f, found) {
      await hold?.();
      seen.push({ cam, t: f.t, index: f.index, pixel: f.image.data[0]!, marker: found ? Math.round(found.detections[0]!.score * 255) : null, detected: !!found });
    },
  };
}

describe('capture clock', () => {
  it('pairs two unsynchronised 5 fps cameras in every detector run, on each camera newest frame with its own timestamp', async () => {
    let now = 0;
    const inner = markerDetector();
    const mosaic = createMosaicDetector(inner, { tiles: 2 });
    const clock = createCaptureClock(mosaic, { tickMs: 400, now: () => now });
    const seen: Seen[] = [];
    const cams = [clock.add('a', recordingPipeline(0, seen)), clock.add('b', recordingPipeline(1, seen))];
    // Camera a delivers at 0, 200, 400… ms; camera b 130 ms later; the clock ticks every 400 ms from 390 ms.
    const lastOffered: number[] = [-1, -1];
    for (now = 0; now <= 4000; now += 10) {
      for (const cam of [0, 1]) {
        const phase = now - cam * 130;
        if (phase >= 0 && phase % 200 === 0) {
          const index = phase / 200;
          cams[cam]!.offer(frame(cam, index));
          lastOffered[cam] = index;
          expect(cams[cam]!.stats.offered - cams[cam]!.stats.taken - cams[cam]!.stats.superseded).toBeLessThanOrEqual(1);
        }
      }
      if (now % 400 === 390) {
        const expected = [...lastOffered];
        const before = seen.length;
        await clock.tick();
        // Each camera's newest frame was used, both in the same run, with its own index and timestamp.
        expect(seen.slice(before).map((s) => [s.cam, s.index])).toEqual([[0, expected[0]], [1, expected[1]]]);
      }
    }
    expect(clock.stats.rounds).toBe(10);
    expect(inner.calls).toBe(10);
    expect(mosaic.stats).toMatchObject({ runs: 10, frames: 20 });
    expect(clock.stats).toMatchObject({ batches: 10, pairedBatches: 10, framesDetected: 20 });
    // No frame older than one tick (here at most one frame period, 200 ms).
    expect(clock.stats.maxAgeMs).toBeLessThanOrEqual(200);
    for (const s of seen) {
      expect(s.pixel).toBe(s.cam * 100 + s.index);
      expect(s.marker).toBe(s.pixel); // the detections split back to the camera they belong to
      expect(s.t).toBeCloseTo(s.index / 5, 9);
    }
    // Half the frames replaced unseen (tick = 2 frame periods), none queued.
    for (const c of cams) {
      expect(c.stats.taken).toBe(10);
      expect(c.stats.superseded).toBeGreaterThanOrEqual(9);
      expect([0, 1]).toContain(c.stats.offered - c.stats.taken - c.stats.superseded); // at most the one pending frame
    }
    await Promise.all(cams.map((c) => c.remove()));
  });

  it('keeps one frame per camera: offers never wait, and a frame offered during a round does not touch the frame in use', async () => {
    let release: () => void = () => undefined;
    const hold = () => new Promise<void>((r) => { release = r; });
    const clock = createCaptureClock(createMosaicDetector(markerDetector()), { tickMs: 400 });
    const seen: Seen[] = [];
    const cam = clock.add('a', recordingPipeline(0, seen, () => 'detect', hold));
    for (let i = 0; i < 10; i++) cam.offer(frame(0, i));
    expect(cam.stats).toEqual({ offered: 10, taken: 0, superseded: 9 });
    const round = clock.tick();
    await new Promise((r) => setImmediate(r));
    // The round holds frame 9; new frames overwrite the slot only.
    for (let i = 10; i < 15; i++) cam.offer(frame(0, i));
    release();
    await round;
    expect(seen).toEqual([{ cam: 0, t: 9 / 5, index: 9, pixel: 9, marker: 9, detected: true }]);
    const next = clock.tick();
    await new Promise((r) => setImmediate(r));
    release();
    await next;
    expect(seen.map((s) => [s.index, s.pixel])).toEqual([[9, 9], [14, 14]]);
    expect(cam.stats).toEqual({ offered: 15, taken: 2, superseded: 13 });
    await clock.tick(); // nothing new: no round
    expect(clock.stats.rounds).toBe(2);
  });

  it('detects the next round while the previous one is still being analysed, but never more than two rounds in flight', async () => {
    const releases: (() => void)[] = [];
    const hold = () => new Promise<void>((r) => { releases.push(r); });
    const inner = markerDetector();
    const clock = createCaptureClock(createMosaicDetector(inner), { tickMs: 400 });
    const seen: Seen[] = [];
    const cam = clock.add('a', recordingPipeline(0, seen, () => 'detect', hold));
    const settle = () => new Promise((r) => setTimeout(r, 5));
    const rounds: Promise<void>[] = [];
    for (let i = 0; i < 3; i++) {
      cam.offer(frame(0, i));
      rounds.push(clock.tick());
      await settle();
    }
    // Round 0 is held in analysis (plates); round 1 was detected meanwhile; round 2 waits for round 0 to finish.
    expect(inner.calls).toBe(2);
    expect(releases).toHaveLength(1);
    for (let i = 3; i < 8; i++) cam.offer(frame(0, i)); // offers meanwhile never touch the frames of rounds 0 and 1
    releases.shift()!();
    await settle();
    expect(inner.calls).toBe(3);
    while (releases.length) { releases.shift()!(); await settle(); }
    await Promise.all(rounds);
    // Round 2 took its frame only when it could detect: the newest one (7), not the one offered with its tick (2).
    expect(seen.map((x) => [x.index, x.pixel, x.marker])).toEqual([[0, 0, 0], [1, 1, 1], [7, 7, 7]]);
    expect(cam.stats).toEqual({ offered: 8, taken: 3, superseded: 5 });
  });

  it('lets the motion gate decide: a still camera gets a tracker step without the detector, the moving one runs alone', async () => {
    const inner = markerDetector();
    const clock = createCaptureClock(createMosaicDetector(inner), { tickMs: 400 });
    const seen: Seen[] = [];
    const a = clock.add('a', recordingPipeline(0, seen, () => 'detect'));
    const b = clock.add('b', recordingPipeline(1, seen, (f) => (f.index % 2 ? 'skip' : 'track')));
    a.offer(frame(0, 1));
    b.offer(frame(1, 2));
    await clock.tick();
    a.offer(frame(0, 3));
    b.offer(frame(1, 3));
    await clock.tick();
    expect(seen.filter((s) => s.detected).map((s) => [s.cam, s.index])).toEqual([[0, 1], [0, 3]]);
    expect(seen.filter((s) => !s.detected).map((s) => [s.cam, s.index])).toEqual([[1, 2]]);
    expect(inner.calls).toBe(2);
    expect(clock.stats).toMatchObject({ rounds: 2, batches: 2, pairedBatches: 0, framesDetected: 2 });
  });

  it('keeps a camera failure for its next offer; the other camera goes on', async () => {
    const clock = createCaptureClock(createMosaicDetector(markerDetector()), { tickMs: 400 });
    const seen: Seen[] = [];
    const broken: ClockedPipeline = { gate: async () => 'detect', analyseDetected: async () => { throw new Error('sink down'); } };
    const a = clock.add('a', broken);
    const b = clock.add('b', recordingPipeline(1, seen));
    a.offer(frame(0, 0));
    b.offer(frame(1, 0));
    await clock.tick();
    expect(() => a.offer(frame(0, 1))).toThrow('sink down');
    await expect(a.remove()).rejects.toThrow('sink down');
    b.offer(frame(1, 1));
    await clock.tick();
    expect(seen.map((s) => s.index)).toEqual([0, 1]);
  });

  it('runs rounds on its own tick and stops cleanly', async () => {
    const inner = markerDetector();
    const clock = createCaptureClock(createMosaicDetector(inner), { tickMs: 30 });
    const seen: Seen[] = [];
    const cams = [clock.add('a', recordingPipeline(0, seen)), clock.add('b', recordingPipeline(1, seen))];
    let i = 0;
    cams.forEach((c, k) => c.offer(frame(k, 0)));
    clock.start();
    const producer = setInterval(() => { i++; cams.forEach((c, k) => c.offer(frame(k, i % 100))); }, 10);
    await new Promise((r) => setTimeout(r, 200));
    clearInterval(producer);
    await clock.stop();
    expect(clock.stats.rounds).toBeGreaterThanOrEqual(2);
    expect(clock.stats.pairedBatches).toBe(clock.stats.batches);
    expect(inner.calls).toBe(clock.stats.rounds);
  });

  it('gives cameras turns at each tile of the mosaic, so a detector that favours one tile favours no camera', async () => {
    const FW = 320, FH = 180;
    // Both cameras show the same car (background 60 for camera 0, 61 for camera 1, so the mosaic tells them apart).
    const carFrame = (k: number, i: number): Frame => {
      const data = new Uint8Array(FW * FH * 3).fill(60 + k);
      const x0 = 20 + i * 20;
      if (i >= 1 && i <= 8) for (let y = 80; y < 120; y++) data.fill(230, (y * FW + x0) * 3, (y * FW + x0 + 60) * 3);
      return { index: i, t: i / 5, image: { data, width: FW, height: FH } };
    };
    // The extreme of CenterNet's small positional bias: cars are found in the lower tile only.
    const topTile: number[] = [];
    const inner = new ScriptedObjectDetector((_, img) => {
      topTile.push(img.data[0]!);
      const top = FH + GAP;
      if (img.height < top + FH) return [];
      let x0 = -1;
      for (let x = 0; x < img.width && x0 < 0; x++) if (img.data[((top + 100) * img.width + x) * 3] === 230) x0 = x;
      return x0 >= 0 ? [{ box: [x0, top + 80, 60, 40], cls: 'car', score: 0.8 }] : [];
    });
    const clock = createCaptureClock(createMosaicDetector(inner), { tickMs: 400 });
    const sinks = [new RecordingEventSink(), new RecordingEventSink()];
    const pipes = sinks.map((sink, k) => createVehiclePipeline({ detector: inner, plates: null, sink }, { cameraId: `cam-${k}`, streamStart: new Date(0), maxGapSeconds: 0.5 }));
    const cams = pipes.map((p, k) => clock.add(`cam-${k}`, p));
    for (let i = 0; i < 16; i++) {
      cams.forEach((c, k) => c.offer(carFrame(k, i)));
      await clock.tick();
    }
    await Promise.all(cams.map((c) => c.remove()));
    for (const p of pipes) await p.finish();
    // A fixed order would keep camera 0 in the blind upper tile: no event for it, one for camera 1.
    expect(topTile.length).toBeGreaterThanOrEqual(8);
    expect(topTile).toEqual(topTile.map((_, n) => 60 + (n % 2)));
    expect(sinks.map((s) => s.events.length)).toEqual([1, 1]);
  });

  it('feeds real vehicle pipelines: each camera gets its own event with its own stream times', async () => {
    const FW = 320, FH = 180;
    // Camera k shows a bright car moving right from x = 20 + 40 k, 20 px per frame; scene dark otherwise.
    const carFrame = (k: number, i: number): Frame => {
      const data = new Uint8Array(FW * FH * 3).fill(60);
      const x0 = 20 + 40 * k + i * 20;
      if (i >= 1 && i <= 8) for (let y = 80; y < 120; y++) data.fill(230, (y * FW + x0) * 3, (y * FW + x0 + 60) * 3);
      return { index: i, t: i / 5, image: { data, width: FW, height: FH } };
    };
    const inner = new ScriptedObjectDetector((_, img) => {
      const dets: Detection[] = [];
      for (let top = 0; top < img.height; top += FH + GAP) {
        let x0 = -1;
        for (let x = 0; x < img.width && x0 < 0; x++) if (img.data[((top + 100) * img.width + x) * 3] === 230) x0 = x;
        if (x0 >= 0) dets.push({ box: [x0, top + 80, 60, 40], cls: 'car', score: 0.8 });
      }
      return dets;
    });
    const clock = createCaptureClock(createMosaicDetector(inner), { tickMs: 400 });
    const sinks = [new RecordingEventSink(), new RecordingEventSink()];
    const start = new Date('2026-01-01T00:00:00Z');
    const pipes = sinks.map((sink, k) => createVehiclePipeline({ detector: inner, plates: null, sink }, { cameraId: `cam-${k}`, streamStart: start, maxGapSeconds: 0.5 }));
    const cams = pipes.map((p, k) => clock.add(`cam-${k}`, p));
    for (let i = 0; i < 16; i++) {
      cams.forEach((c, k) => c.offer(carFrame(k, i)));
      await clock.tick(); // a tick per frame here: the tracker needs its hits
    }
    await Promise.all(cams.map((c) => c.remove()));
    for (const p of pipes) await p.finish();
    expect(sinks.map((s) => s.events.length)).toEqual([1, 1]);
    expect(sinks.map((s) => s.events[0]!.cameraId)).toEqual(['cam-0', 'cam-1']);
    expect(sinks[1]!.events[0]!.startedAt).toBe('2026-01-01T00:00:00.200Z');
    expect(clock.stats.pairedBatches).toBe(clock.stats.batches);
    expect(pipes.map((p) => p.stats.detectorRuns)).toEqual([inner.calls, inner.calls]);
  });
});
