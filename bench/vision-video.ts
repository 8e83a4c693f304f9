// Video parts of the vision benchmark: plate-reel events vs its CSV, and traffic-street throughput on two cameras.
import { readFileSync } from 'node:fs';
import type { VehicleEvent } from '@camnet/core';
import { createCaptureClock, type CaptureClockStats, type ClockedCameraStats } from '../packages/edge/src/pipeline/capture/capture-clock.ts';
import { readFrames } from '../packages/edge/src/pipeline/capture/ffmpeg-frame-source.ts';
import { iou } from '../packages/edge/src/pipeline/capture/rgb-image.ts';
import type { ObjectDetector } from '../packages/edge/src/pipeline/detection/object-detector.ts';
import { RecordingEventSink } from '../packages/edge/src/pipeline/events/event-sink.ts';
import type { PlateReader } from '../packages/edge/src/pipeline/plates/plate-reader.ts';
import { createVehiclePipeline, type PipelineStats } from '../packages/edge/src/pipeline/vehicle-pipeline.ts';

const START = new Date(0);
const secs = (iso: string) => (Date.parse(iso) - START.getTime()) / 1000;

/** Runs one file through a fresh pipeline; returns its events, stats and wall time. */
export async function runVideo(file: string, fps: number, detector: ObjectDetector, plates: PlateReader | null, cameraId = 'bench', detectEvery = 1, live = false) {
  const sink = new RecordingEventSink();
  const p = createVehiclePipeline({ detector, plates, sink }, { cameraId, streamStart: START, detectEvery, live });
  const t0 = performance.now();
  let decodeWaitMs = 0;
  let t = performance.now();
  for await (const frame of readFrames({ input: file, fps, realtime: live })) {
    decodeWaitMs += performance.now() - t;
    await p.process(frame);
    t = performance.now();
  }
  await p.finish();
  return { events: sink.events, stats: p.stats, wallMs: performance.now() - t0, decodeWaitMs };
}

/**
 * Live cameras on one capture clock: each file is read at its own speed (ffmpeg -re) and every frame offered to the
 * clock, which keeps the newest per camera and detects all cameras' frames together every `tickMs`.
 */
export async function runClockedVideos(file: string, fps: number, cameras: number, detector: ObjectDetector, plates: PlateReader | null, tickMs: number) {
  const clock = createCaptureClock(detector, { tickMs });
  clock.start();
  const t0 = performance.now();
  const runs = await Promise.all(Array.from({ length: cameras }, async (_, i) => {
    const sink = new RecordingEventSink();
    const p = createVehiclePipeline({ detector, plates, sink }, { cameraId: `street-${i + 1}`, streamStart: START, detectEvery: 1, live: true });
    const cam = clock.add(`street-${i + 1}`, p);
    for await (const frame of readFrames({ input: file, fps, realtime: true })) cam.offer(frame);
    await cam.remove();
    await p.finish();
    return { events: sink.events, stats: p.stats, clock: cam.stats, wallMs: performance.now() - t0 };
  }));
  await clock.stop();
  return { runs, clock: clock.stats };
}

/** Plate-reel: expected vehicles (CSV) vs events; for each shown vehicle, the event overlapping its time with the largest box, and its plate. */
// `colours`: each photo's labelled colour and its alternate (plates-us/labels.csv), to score the events' colour.
export async function benchPlateReel(video: string, csv: string, durationS: number, detector: ObjectDetector, plates: PlateReader, colours: Map<string, [string, string]>) {
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((l) => {
    const [s, e, file, plate] = l.split(',');
    return { start: +s!, end: +e!, file: file!, plate: plate! };
  });
  const run = await runVideo(video, 5, detector, plates, 'plate-reel');
  // The CSV's clock drifts: the reel is `durationS` long, 20 slots of 4.2 s, while the CSV counts 4 s per slot.
  // Rescale CSV times by the video's true length over the CSV's (last end + one gap).
  const gap = rows.length > 1 ? rows[1]!.start - rows[0]!.end : 1;
  const scale = durationS / (rows.at(-1)!.end + gap);
  const perVehicle = rows.map((r) => {
    const [start, end] = [r.start * scale, r.end * scale];
    const during = run.events.filter((e) => secs(e.startedAt) < end + 0.5 && secs(e.endedAt) > start - 0.5);
    const main = [...during].sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])[0];
    return {
      expected: r.plate, events: during.length, read: main?.plate?.text ?? null, confidence: main?.plate?.confidence ?? null,
      // The next plates the fusion ranked, to see how near a miss (or a hit) was.
      alternates: main?.plate?.alternates.slice(0, 3).map((a) => `${a.text} ${a.confidence}`) ?? [],
      ok: main?.plate?.text === r.plate, topN: !!main?.plate && (main.plate.text === r.plate || main.plate.alternates.some((a) => a.text === r.plate)),
      colour: main?.colour ?? null, labelColour: colours.get(r.file)?.join('/') ?? null,
      colourOk: !!main?.colour && (colours.get(r.file)?.includes(main.colour) ?? false),
    };
  });
  const withPlate = run.events.filter((e) => e.plate);
  return {
    expectedVehicles: rows.length,
    events: run.events.length,
    eventsWithPlate: withPlate.length,
    vehiclesWithAnEvent: perVehicle.filter((v) => v.events > 0).length,
    plateTop1PerVehicle: Math.round((1000 * perVehicle.filter((v) => v.ok).length) / rows.length) / 10,
    plateTopNPerVehicle: Math.round((1000 * perVehicle.filter((v) => v.topN).length) / rows.length) / 10,
    colourPerVehicle: Math.round((1000 * perVehicle.filter((v) => v.colourOk).length) / rows.length) / 10,
    timeScale: Math.round(scale * 1000) / 1000,
    wallS: Math.round(run.wallMs / 100) / 10,
    perVehicle,
    eventList: run.events.map((e) => ({ s: Math.round(secs(e.startedAt) * 10) / 10, e: Math.round(secs(e.endedAt) * 10) / 10, box: e.box.map(Math.round), plate: e.plate?.text ?? null })),
    stageMs: roundMs(run.stats),
    picture: run.stats.picture,
  };
}

/** Traffic-street on `cameras` concurrent pipelines sharing one detector pool: counts, fps and per-stage ms. */
// `clockTickMs`: live cameras on a shared capture clock with this tick (detectEvery and live are then implied).
export async function benchTraffic(video: string, durationS: number, cameras: number, fps: number, detector: ObjectDetector, plates: PlateReader | null, detectEvery = 1, live = false, clockTickMs: number | null = null) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const clocked = clockTickMs === null ? null : await runClockedVideos(video, fps, cameras, detector, plates, clockTickMs);
  const runs: { events: VehicleEvent[]; stats: PipelineStats; clock?: ClockedCameraStats }[] = clocked?.runs
    ?? (await Promise.all(Array.from({ length: cameras }, (_, i) => runVideo(video, fps, detector, plates, `street-${i + 1}`, detectEvery, live))));
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // Frames decoded: on the clock, the frames offered (the clock takes one per tick, the rest are superseded).
  const decoded = runs.map((r) => r.clock?.offered ?? r.stats.frames);
  const frames = decoded.reduce((n, f) => n + f, 0);
  const latencies = runs.flatMap((r) => r.stats.latencyMs).sort((a, b) => a - b);
  if (clocked) live = true;
  return {
    cameras, fps, detectEvery: clocked ? null : detectEvery, live, clockTickMs, videoS: durationS, wallS: Math.round(wallS * 10) / 10,
    realTimeFactor: Math.round((durationS / wallS) * 100) / 100,
    // Live mode reads the clip at its own speed: it keeps up when it ends within ~2 s of the clip (ffmpeg start, last tracks).
    keepsUp: live ? wallS <= durationS + 2 : wallS <= durationS,
    pipelineFps: Math.round((frames / wallS) * 10) / 10,
    vehiclesCounted: runs.map((r) => r.events.length),
    types: countBy(runs[0]!.events, (e) => e.type),
    framesDecoded: decoded,
    framesAnalysed: runs.map((r) => r.stats.frames - r.stats.skippedBusy),
    detectorRuns: runs.map((r) => r.stats.detectorRuns),
    // Frames never analysed: skipped while the camera was busy, or (clock) replaced by a newer one before a tick took them.
    skippedBusy: runs.map((r) => r.clock?.superseded ?? r.stats.skippedBusy),
    droppedByDetector: runs.map((r) => r.stats.droppedByDetector),
    detectorFps: runs.map((r) => Math.round((r.stats.detectorRuns / durationS) * 10) / 10),
    eventLatencyMs: { p50: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0), max: Math.round(latencies.at(-1) ?? 0) },
    mainThreadCpuS: Math.round((cpu.user + cpu.system) / 1e5) / 10,
    stageMsPerFrame: perFrame(runs.map((r) => r.stats), frames),
    clock: clocked ? clockSummary(clocked.clock) : null,
  };
}

function clockSummary(c: CaptureClockStats) {
  const ages = [...c.ageMs].sort((a, b) => a - b);
  return { rounds: c.rounds, batches: c.batches, pairedBatches: c.pairedBatches, framesDetected: c.framesDetected, frameAgeMs: { p50: Math.round(ages[Math.floor(ages.length / 2)] ?? 0), max: Math.round(c.maxAgeMs) } };
}

function roundMs(s: PipelineStats) {
  return Object.fromEntries(Object.entries(s.ms).map(([k, v]) => [k, Math.round(v)]));
}

/** Milliseconds per decoded frame for each stage (frames never analysed count too: the cost of keeping up). */
function perFrame(all: PipelineStats[], frames = all.reduce((n, s) => n + s.frames, 0)) {
  const keys = Object.keys(all[0]!.ms) as (keyof PipelineStats['ms'])[];
  return Object.fromEntries(keys.map((k) => [k, Math.round((all.reduce((n, s) => n + s.ms[k], 0) / frames) * 10) / 10]));
}

function countBy<T>(xs: T[], f: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[f(x)] = (out[f(x)] ?? 0) + 1;
  return out;
}

export type { VehicleEvent };

/** A hand-labelled vehicle of `bench/street-colours.json`. */
export interface StreetColourLabel { startS: number; box: [number, number, number, number]; colour: string; alt: string | null }

/**
 * Colour on a street camera (no plates read: side views from above): one camera in file mode, each hand-labelled
 * vehicle matched to the event that started within 1 s with the most overlapping box. Baseline, on the same
 * events' crops (their thumbnails): the densest colour of the box's middle, the no-plate method before the dark
 * glass and shadow were set aside.
 */
export async function benchStreetColour(video: string, labels: StreetColourLabel[], detector: ObjectDetector, baseline: (thumbnailJpeg: Buffer) => Promise<string>) {
  const sink = new RecordingEventSink();
  const p = createVehiclePipeline({ detector, plates: null, sink }, { cameraId: 'street', streamStart: START, thumbnails: true });
  for await (const frame of readFrames({ input: video, fps: 5 })) await p.process(frame);
  await p.finish();
  const rows = await Promise.all(labels.map(async (l) => {
    const e = sink.events
      .filter((x) => Math.abs(secs(x.startedAt) - l.startS) <= 1)
      .map((x) => ({ x, overlap: iou(x.box, l.box) }))
      .filter((m) => m.overlap >= 0.3)
      .sort((a, b) => b.overlap - a.overlap)[0]?.x;
    const right = (c: string | null | undefined) => !!c && (c === l.colour || c === l.alt);
    const before = e?.thumbnailJpegBase64 ? await baseline(Buffer.from(e.thumbnailJpegBase64, 'base64')) : null;
    return { label: [l.colour, l.alt].filter(Boolean).join('/'), startS: l.startS, colour: e?.colour ?? null, before, ok: right(e?.colour), okBefore: right(before) };
  }));
  const pct = (n: number) => Math.round((1000 * n) / labels.length) / 10;
  return {
    labelled: labels.length, events: sink.events.length, matched: rows.filter((r) => r.colour !== null).length,
    colour: pct(rows.filter((r) => r.ok).length), colourBaseline: pct(rows.filter((r) => r.okBefore).length),
    saidBlack: sink.events.filter((e) => e.colour === 'black').length, labelledBlack: labels.filter((l) => l.colour === 'black').length, rows,
  };
}
