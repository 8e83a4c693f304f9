import { describe, expect, it } from 'vitest';
import { vehicleEventSchema } from '@camnet/core';
import type { Frame } from './capture/ffmpeg-frame-source.ts';
import type { Detection } from './detection/object-detector.ts';
import { ScriptedObjectDetector } from './detection/scripted-object-detector.ts';
import { RecordingEventSink } from './events/event-sink.ts';
import { createExposureCheck } from './plates/exposure-check.ts';
import { ScriptedPlateReader } from './plates/scripted-plate-reader.ts';
import { createVehiclePipeline } from './vehicle-pipeline.ts';

const W = 320, H = 180;
/** A red "car" (60x40) moving right 20 px per frame over dark road; frames 0..n-1, t = i/5 s. */
const frame = (i: number, carX: number | null): Frame => {
  const data = new Uint8Array(W * H * 3).fill(60);
  if (carX !== null) for (let y = 80; y < 120; y++) for (let x = carX; x < carX + 60; x++) data.set([230, 60, 50], (y * W + x) * 3);
  return { index: i, t: i / 5, image: { data, width: W, height: H } };
};

describe('vehicle pipeline', () => {
  it('turns one vehicle pass into one event with the voted plate, colour, type and direction', async () => {
    const xs = [null, 20, 40, 60, 80, 100, 120, null, null, null, null, null];
    // The fake "sees" the red run on row 100, as a real detector would see the car.
    const detector = new ScriptedObjectDetector((_, f) => {
      let x0 = -1;
      for (let x = 0; x < W && x0 < 0; x++) if (f.data[(100 * W + x) * 3] === 230) x0 = x;
      const persons: Detection[] = [{ box: [250, 10, 10, 30], cls: 'person', score: 0.5 }];
      return x0 >= 0 ? [...persons, { box: [x0, 80, 60, 40], cls: 'car', score: 0.7 }] : persons;
    });
    const plates = new ScriptedPlateReader(['ABC123', 'A8C123', 'ABC123', null, 'ABC123']);
    const sink = new RecordingEventSink();
    const p = createVehiclePipeline({ detector, plates, sink }, { cameraId: 'cam', streamStart: new Date('2026-01-01T00:00:00Z'), cameraHeadingDeg: 0, minPlateVehicleWidth: 50, maxGapSeconds: 0.5 });
    for (let i = 0; i < xs.length; i++) await p.process(frame(i, xs[i]!));
    await p.finish();
    expect(sink.events).toHaveLength(1);
    const e = sink.events[0]!;
    expect(vehicleEventSchema.safeParse(e).success).toBe(true);
    expect(e).toMatchObject({ type: 'car', colour: 'red', direction: 90, source: 'edge', startedAt: '2026-01-01T00:00:00.200Z', endedAt: '2026-01-01T00:00:01.200Z' });
    expect(e.plate?.text).toBe('ABC123');
    expect(e.plate?.alternates.map((a) => a.text)).toContain('A8C123');
    expect(p.stats.personDetections).toBeGreaterThan(0);
    expect(p.stats.latencyMs).toHaveLength(1);
    expect(p.stats.picture).toEqual({ platesChecked: 1, platesClipped: 0, warning: null });
  });

  it('counts each vehicle whose plate is clipped to white once, however many frames read it, across the camera’s pipelines', async () => {
    // Two passes; the second car is overexposed (255 in every channel where the plate reader finds its plate).
    const xs = [null, 20, 40, 60, 80, null, null, null, null, null, null, 20, 40, 60, 80, null, null, null, null, null, null];
    const detector = new ScriptedObjectDetector((_, f) => {
      let x0 = -1;
      for (let x = 0; x < W && x0 < 0; x++) if (f.data[(100 * W + x) * 3] !== 60) x0 = x;
      return x0 >= 0 ? [{ box: [x0, 80, 60, 40], cls: 'car', score: 0.7 }] : [];
    });
    const sink = new RecordingEventSink();
    const exposureCheck = createExposureCheck();
    const p = createVehiclePipeline({ detector, plates: new ScriptedPlateReader(['ABC123']), sink }, { cameraId: 'cam', minPlateVehicleWidth: 50, maxGapSeconds: 0.5, plateMergeSeconds: 0, exposureCheck });
    for (let i = 0; i < xs.length; i++) {
      const f = frame(i, xs[i]!);
      if (i > 10) for (let k = 0; k < f.image.data.length; k += 3) if (f.image.data[k] === 230) f.image.data.set([255, 255, 255], k);
      await p.process(f);
    }
    await p.finish();
    expect(sink.events).toHaveLength(2);
    expect(p.stats.picture).toEqual({ platesChecked: 2, platesClipped: 1, warning: null });
    // The camera's stream reconnects: its next pipeline goes on from the same recent plates.
    const next = createVehiclePipeline({ detector, plates: null, sink }, { cameraId: 'cam', exposureCheck });
    expect(next.stats.picture).toEqual({ platesChecked: 2, platesClipped: 1, warning: null });
  });

  it('colours the vehicle by a vote of the frames its plate was read on, not by one frame', async () => {
    // The track's first crop (the kept "best" one: all are the same size) is in deep shade; later frames show the red paint.
    const xs = [null, 20, 40, 60, 80, 100, 120, 140, 160, null, null, null, null, null];
    const firstSeen = 3; // the track is confirmed on its third detection
    const shaded = (i: number): Frame => {
      const f = frame(i, xs[i]!);
      if (i <= firstSeen) for (let k = 0; k < f.image.data.length; k += 3) if (f.image.data[k] === 230) f.image.data.set([26, 26, 28], k);
      return f;
    };
    const detector = new ScriptedObjectDetector((n) => (xs[n] != null ? [{ box: [xs[n]!, 80, 60, 40], cls: 'car', score: 0.7 }] : []));
    const sink = new RecordingEventSink();
    const p = createVehiclePipeline({ detector, plates: new ScriptedPlateReader(['ABC123']), sink }, { cameraId: 'cam', minPlateVehicleWidth: 50, maxGapSeconds: 0.5, maxPlateReadsPerTrack: 8 });
    for (let i = 0; i < xs.length; i++) await p.process(shaded(i));
    await p.finish();
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({ colour: 'red', plate: { text: 'ABC123' } });
  });

  it('without a plate read, colours the vehicle by a vote of its largest crops, not by the first one', async () => {
    const xs = [null, 20, 40, 60, 80, 100, 120, 140, 160, null, null, null, null, null];
    const shadedFirst = (i: number): Frame => {
      const f = frame(i, xs[i]!);
      if (i <= 3) for (let k = 0; k < f.image.data.length; k += 3) if (f.image.data[k] === 230) f.image.data.set([26, 26, 28], k);
      return f;
    };
    const detector = new ScriptedObjectDetector((n) => (xs[n] != null ? [{ box: [xs[n]!, 80, 60, 40], cls: 'car', score: 0.7 }] : []));
    const sink = new RecordingEventSink();
    const p = createVehiclePipeline({ detector, plates: null, sink }, { cameraId: 'cam', maxGapSeconds: 0.5 });
    for (let i = 0; i < xs.length; i++) await p.process(shadedFirst(i));
    await p.finish();
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]).toMatchObject({ colour: 'red', plate: null });
  });

  it('in live mode never waits for the detector: frames that arrive while it is busy are skipped, events still come', async () => {
    let release: () => void = () => {};
    let calls = 0;
    const detector = {
      async detect(f: { data: Uint8Array }): Promise<Detection[]> {
        calls++;
        if (calls === 2) await new Promise<void>((r) => { release = r; });
        let x0 = -1;
        for (let x = 0; x < W && x0 < 0; x++) if (f.data[(100 * W + x) * 3] === 230) x0 = x;
        return x0 >= 0 ? [{ box: [x0, 80, 60, 40], cls: 'car', score: 0.7 }] : [];
      },
      async close() {},
    };
    const sink = new RecordingEventSink();
    const p = createVehiclePipeline({ detector, plates: null, sink }, { cameraId: 'cam', live: true, maxGapSeconds: 0.5 });
    const xs = [null, 20, 40, 60, 80, 100, 120, 140, 160];
    const tick = () => new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 5; i++) {
      await p.process(frame(i, xs[i]!)); // resolves at once, even while the detector is blocked
      await tick();
    }
    expect(calls).toBe(2);
    expect(p.stats.skippedBusy).toBe(2);
    release();
    await tick();
    for (let i = 5; i < xs.length; i++) {
      await p.process(frame(i, xs[i]!));
      await tick();
    }
    await p.finish();
    expect(sink.events).toHaveLength(1);
  });

  it('does not run the detector on frames without motion', async () => {
    const detector = new ScriptedObjectDetector(() => []);
    const p = createVehiclePipeline({ detector, plates: null, sink: new RecordingEventSink() }, { cameraId: 'cam' });
    for (let i = 0; i < 5; i++) await p.process(frame(i, null));
    expect(detector.calls).toBe(0);
    expect(p.stats.frames).toBe(5);
  });

  it('emits no event for a small vehicle parked in the background, only for the one passing', async () => {
    const xs = [null, 20, 40, 60, 80, 100, 120, null, null, null, null, null];
    const detector = new ScriptedObjectDetector((_, f) => {
      let x0 = -1;
      for (let x = 0; x < W && x0 < 0; x++) if (f.data[(100 * W + x) * 3] === 230) x0 = x;
      const parked: Detection = { box: [280, 20, 20, 12], cls: 'car', score: 0.6 };
      return x0 >= 0 ? [parked, { box: [x0, 80, 60, 40], cls: 'car', score: 0.7 }] : [parked];
    });
    const sink = new RecordingEventSink();
    const p = createVehiclePipeline({ detector, plates: null, sink }, { cameraId: 'cam', maxGapSeconds: 0.5 });
    for (let i = 0; i < xs.length; i++) await p.process(frame(i, xs[i]!));
    await p.finish();
    expect(sink.events.map((e) => e.box[1])).toEqual([80]);
  });

  it('takes a panning camera\'s own motion off: a small car parked in view makes no event, a passing car still does', async () => {
    // A textured street seen by a camera panning 4 px per frame to the left (the scene drifts right): the parked car
    // (1.5 % of the frame) drifts 48 px with it, far more than half its width; the passing car drives 20 px per frame more.
    const pan = 4;
    const texture = (x: number, y: number) => 120 + 50 * Math.sin(x / 5.3) * Math.cos(y / 4.1) + 30 * Math.sin((x + 2 * y) / 9.7);
    const panned = (i: number): Frame => {
      const data = new Uint8Array(W * H * 3);
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data.fill(texture(x - pan * i, y), (y * W + x) * 3, (y * W + x) * 3 + 3);
      return { index: i, t: i / 5, image: { data, width: W, height: H } };
    };
    const detector = new ScriptedObjectDetector((n) => {
      const parked: Detection = { box: [60 + pan * (n + 1), 20, 40, 22], cls: 'car', score: 0.6 };
      return n >= 1 && n <= 6 ? [parked, { box: [20 + (20 + pan) * n, 100, 60, 40], cls: 'car', score: 0.7 }] : [parked];
    });
    const sink = new RecordingEventSink();
    const p = createVehiclePipeline({ detector, plates: null, sink }, { cameraId: 'cam', maxGapSeconds: 0.5 });
    for (let i = 0; i < 13; i++) await p.process(panned(i));
    await p.finish();
    expect(detector.calls).toBe(12); // every frame after the first moves
    expect(sink.events.map((e) => e.box[1])).toEqual([100]);
  });

  it('joins a track broken by a detector miss when both parts read the same plate', async () => {
    // The car moves slowly (4 px per frame); the detector misses it for 1.2 s in the middle (gap 0.5 s).
    const n = 30;
    const detector = new ScriptedObjectDetector((i) => (i >= 1 && i < n - 3 && (i < 10 || i > 15) ? [{ box: [20 + i * 4, 80, 60, 40], cls: 'car', score: 0.7 }] : []));
    const plates = new ScriptedPlateReader(['ABC123', 'ABC123', 'ABC128', 'ABC123']);
    const sink = new RecordingEventSink();
    const p = createVehiclePipeline({ detector, plates, sink }, { cameraId: 'cam', minPlateVehicleWidth: 50, maxGapSeconds: 0.5, maxPlateReadsPerTrack: 2 });
    for (let i = 0; i < n; i++) await p.process(frame(i, 20 + i * 4));
    await p.finish();
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]!.plate?.text).toBe('ABC123');
    const e = sink.events[0]!;
    expect(Date.parse(e.endedAt) - Date.parse(e.startedAt)).toBeGreaterThan(3000);
  });
});
