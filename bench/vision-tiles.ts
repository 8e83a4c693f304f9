// Mosaic fairness part of the vision benchmark (`--only tiles`): does a camera's place in the two-camera mosaic change
// what it detects and counts? Decoded frames, no live timing, so the answer does not depend on the machine's load.
import { createCaptureClock } from '../packages/edge/src/pipeline/capture/capture-clock.ts';
import { readFrames, type Frame } from '../packages/edge/src/pipeline/capture/ffmpeg-frame-source.ts';
import { iou } from '../packages/edge/src/pipeline/capture/rgb-image.ts';
import { stackFrames, type BatchObjectDetector } from '../packages/edge/src/pipeline/detection/mosaic-detector.ts';
import { isVehicle, type ObjectDetector } from '../packages/edge/src/pipeline/detection/object-detector.ts';
import { RecordingEventSink } from '../packages/edge/src/pipeline/events/event-sink.ts';
import { createVehiclePipeline } from '../packages/edge/src/pipeline/vehicle-pipeline.ts';

/** Every frame of the clip at `fps`, each in its own buffer. */
export async function decodeAll(video: string, fps: number): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const f of readFrames({ input: video, fps })) frames.push({ ...f, image: { ...f.image, data: f.image.data.slice() } });
  return frames;
}

/**
 * The same frame in both tiles of one mosaic run: vehicle detections kept in the upper and the lower tile, and the
 * mean score difference (lower − upper) of the boxes found in both. `inner` is the bare detector (no mosaic).
 */
export async function benchTileBias(frames: Frame[], inner: ObjectDetector) {
  let upper = 0, lower = 0, matched = 0, diff = 0;
  for (const f of frames) {
    const { image, tiles } = stackFrames([f.image, f.image]);
    const dets = (await inner.detect(image)).filter((d) => isVehicle(d.cls));
    const inTile = (k: number) => dets.filter((d) => d.box[1] + d.box[3] / 2 >= tiles[k]!.top && d.box[1] + d.box[3] / 2 < tiles[k]!.top + tiles[k]!.height)
      .map((d) => ({ ...d, box: [d.box[0], d.box[1] - tiles[k]!.top, d.box[2], d.box[3]] as typeof d.box }));
    const [a, b] = [inTile(0), inTile(1)];
    upper += a.length;
    lower += b.length;
    for (const d of a) {
      const m = b.find((x) => iou(x.box, d.box) > 0.5);
      if (m) { matched++; diff += m.score - d.score; }
    }
  }
  return { frames: frames.length, detectionsUpper: upper, detectionsLower: lower, meanScoreLowerMinusUpper: matched ? Math.round((diff / matched) * 1000) / 1000 : 0 };
}

/**
 * The real capture clock driven by hand: at each tick every camera is offered the frame a live camera started at its
 * phase (ms) would hold, then one round runs. Each phase pair runs twice, camera A added first and camera B first, so
 * the effect of being added first (which decided the upper tile before cameras took turns) is separated from the frames.
 */
export async function benchClockOrder(frames: Frame[], detector: BatchObjectDetector, tickMs: number, phases: [number, number][], fps = 5) {
  const runs = [];
  for (const [pa, pb] of phases) {
    for (const first of ['A', 'B'] as const) {
      const clock = createCaptureClock(detector, { tickMs });
      const sinks = { A: new RecordingEventSink(), B: new RecordingEventSink() };
      const order = first === 'A' ? (['A', 'B'] as const) : (['B', 'A'] as const);
      const cams = Object.fromEntries(order.map((id) => {
        const p = createVehiclePipeline({ detector, plates: null, sink: sinks[id] }, { cameraId: id, streamStart: new Date(0), live: true });
        return [id, { p, cam: clock.add(id, p) }];
      }));
      for (let t = 0; ; t += tickMs) {
        const ia = Math.floor(((t - pa) * fps) / 1000), ib = Math.floor(((t - pb) * fps) / 1000);
        if (ia >= frames.length && ib >= frames.length) break;
        if (ia >= 0 && ia < frames.length) cams.A!.cam.offer(frames[ia]!);
        if (ib >= 0 && ib < frames.length) cams.B!.cam.offer(frames[ib]!);
        await clock.tick();
      }
      for (const c of Object.values(cams)) { await c.cam.remove(); await c.p.finish(); }
      const counted = { A: sinks.A.events.length, B: sinks.B.events.length };
      runs.push({ phasesMs: [pa, pb], addedFirst: first, counted, firstMinusSecond: first === 'A' ? counted.A - counted.B : counted.B - counted.A });
    }
  }
  return { tickMs, runs, meanFirstMinusSecond: Math.round((runs.reduce((n, r) => n + r.firstMinusSecond, 0) / runs.length) * 100) / 100 };
}
