import type { Colour, PictureCheck } from '@camnet/core';
import type { Frame } from './capture/ffmpeg-frame-source.ts';
import { encodeJpeg } from './capture/image-file.ts';
import { clampRect, cropRgb, type Rect, type RgbImage } from './capture/rgb-image.ts';
import { voteColours, type WeightedColour } from './describe/colour-vote.ts';
import { plateClipped } from './describe/plate-background.ts';
import { estimateColour, type ColourEstimate } from './describe/vehicle-colour.ts';
import { vehicleCropRegion } from './describe/vehicle-region.ts';
import { estimateType } from './describe/vehicle-type.ts';
import { FrameDropped } from './detection/mosaic-detector.ts';
import { isVehicle, type Detection, type ObjectDetector } from './detection/object-detector.ts';
import type { EventSink } from './events/event-sink.ts';
import { buildVehicleEvent } from './events/vehicle-event-builder.ts';
import { FrameDifferenceMotion } from './motion/frame-difference-motion.ts';
import { createExposureCheck, type ExposureCheck } from './plates/exposure-check.ts';
import type { PlateReader, PlateReading } from './plates/plate-reader.ts';
import { fusePlates } from './plates/plate-fusion.ts';
import type { VotedPlate } from './plates/plate-vote.ts';
import { samePlate } from './tracking/plate-merge.ts';
import { barelyMoved, IouTracker, trackClass, trackDirection, type Track } from './tracking/iou-tracker.ts';

/** The ports a pipeline runs on (a null plate reader skips plates). */
export interface VehiclePipelineDeps {
  detector: ObjectDetector;
  plates: PlateReader | null;
  sink: EventSink;
}

/** Per-camera settings; every field has a default. */
export interface VehiclePipelineOptions {
  cameraId: string;
  streamStart?: Date;
  cameraHeadingDeg?: number | null;
  /** Run the detector on every Nth moving frame (tracks bridge the others); 1 = every frame. */
  detectEvery?: number;
  /** Share of the motion image that must change for the detector to run. */
  motionMinChanged?: number;
  maxPlateReadsPerTrack?: number;
  /** Vehicles narrower than this (frame pixels) are not plate-read. */
  minPlateVehicleWidth?: number;
  thumbnails?: boolean;
  /** Live stream: never wait for analysis; a frame that arrives while the previous one is analysed is skipped. */
  live?: boolean;
  /** Base allowed gap of a track; it grows to `gapDetections` detector intervals when the detector runs slower. */
  maxGapSeconds?: number;
  /** Missed detector runs a track survives (the gap follows the achieved detector interval). */
  gapDetections?: number;
  /** Detections a track needs to count; default 3, or 2 when the detector runs less often than every 0.3 s. */
  minTrackHits?: number;
  /** Tracks that barely moved and stayed smaller than this share of the frame are background (parked), not passes. */
  backgroundMaxAreaShare?: number;
  /**
   * A finished track with a plate is held this long (stream seconds); a track that starts within it and reads the
   * same plate (± one character) continues it instead of becoming a second event (a detector miss broke the track). 0 = off.
   */
  plateMergeSeconds?: number;
  /** The camera's exposure check, kept across the pipelines of one camera (a stream that reconnects gets a new pipeline); by default the pipeline's own. */
  exposureCheck?: ExposureCheck;
}

/** Milliseconds spent per stage, counts, and event latency (wall time from a track's last sighting to its event). */
/** How many recent event latencies the stats keep (an edge runs for months). */
export const LATENCY_SAMPLES = 1000;

export interface PipelineStats {
  frames: number;
  detectorRuns: number;
  /** Live mode: frames skipped because the previous frame was still being analysed. */
  skippedBusy: number;
  /** Frames the shared detector's bounded queue dropped (newer frames took their place). */
  droppedByDetector: number;
  personDetections: number;
  events: number;
  ms: { motion: number; detect: number; track: number; describe: number; plates: number; events: number };
  /** Event latencies (ms from a vehicle's last sighting to its event), the most recent LATENCY_SAMPLES. */
  latencyMs: number[];
  /** The camera's exposure as the plates of its recent vehicles show it (`plates/exposure-check.ts`). */
  picture: PictureCheck;
}

interface TrackState {
  bestCrop: RgbImage | null;
  bestArea: number;
  bestBox: Rect;
  reads: TrackRead[];
  /** The colour of each of the largest crops seen, without a plate (for a track whose plate is never read). */
  sightColours: WeightedColour[];
  /** Reads made beyond the maximum to replace a read made on a smaller crop. */
  extraReads: number;
  lastReadT: number;
  /** When the last crop was coloured (crops are coloured at most every 0.3 s, read or not). */
  lastSightT: number;
  lastSeenWall: number;
  /** The camera's offset (pan, shake) at the track's first and latest sighting, frame pixels. */
  firstOffset: [number, number];
  lastOffset: [number, number];
}

/** A plate read of a track: the reading, the area of the vehicle box it was made on, that crop's colour measured around the read's plate, and whether the plate was clipped to white. */
interface TrackRead {
  reading: PlateReading;
  area: number;
  colour: ColourEstimate;
  clipped: boolean;
}

/** What a frame needs after the motion gate: the detector, a tracker step without it (still scene), or nothing (`detectEvery`). */
export type FrameGate = 'detect' | 'track' | 'skip';

/**
 * Crops whose colour is kept per track (the largest; a crop is coloured at most every 0.3 s): on traffic-street's 27
 * hand-labelled vehicles a vote of the 8 largest names 25 right, of 3 or 5 24, the largest crop alone 22 (docs/vision.md).
 */
const MAX_SIGHT_COLOURS = 8;

/** motion → detect → track → describe → plates → events for one camera; feed frames in order, then `finish()`. */
export function createVehiclePipeline(deps: VehiclePipelineDeps, o: VehiclePipelineOptions) {
  const motion = new FrameDifferenceMotion();
  // A track survives two missed detector runs, whatever the detector rate.
  const baseGap = (o.maxGapSeconds ?? 0.8) * (o.detectEvery ?? 1);
  const tracker = new IouTracker({ maxGapSeconds: baseGap, minHits: o.minTrackHits ?? 3 });
  const rate = detectorRate((interval) => {
    tracker.setMaxGap(Math.max(baseGap, (o.gapDetections ?? 2.5) * interval));
    if (o.minTrackHits === undefined) tracker.setMinHits(interval > 0.3 ? 2 : 3);
  });
  const state = new Map<number, TrackState>();
  const exposure = o.exposureCheck ?? createExposureCheck();
  const stats: PipelineStats = { frames: 0, detectorRuns: 0, skippedBusy: 0, droppedByDetector: 0, personDetections: 0, events: 0, ms: { motion: 0, detect: 0, track: 0, describe: 0, plates: 0, events: 0 }, latencyMs: [], picture: exposure.result() };
  const streamStart = o.streamStart ?? new Date();
  let sinceDetect = 0;
  const timed = async <T>(stage: keyof PipelineStats['ms'], f: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    try { return await f(); } finally { stats.ms[stage] += performance.now() - t0; }
  };

  async function finishTrack(tr: Track): Promise<void> {
    const s = state.get(tr.id);
    state.delete(tr.id);
    const plate = await timed('plates', () => fusePlates(readings(s)));
    if (plate && s && mergeWindow > 0) held.push({ tr, s, plate });
    else await emitTrack(tr, s, plate);
  }

  async function emitTrack(tr: Track, s: TrackState | undefined, plate: VotedPlate | null): Promise<void> {
    if (plate && s) {
      // Once per vehicle: its plate counts as clipped when most of its reads were.
      exposure.add(s.reads.filter((r) => r.clipped).length * 2 > s.reads.length);
      stats.picture = exposure.result();
    }
    const described = await timed('describe', (): { colour: Colour | null; confidence: number; alt: Colour | null } => {
      if (!s?.bestCrop) return { colour: null, confidence: 0, alt: null };
      // Every frame whose read is this plate was coloured around it; without one, the largest crops seen vote.
      const frames = s.reads.flatMap((r) => (plate && samePlate(r.reading.text, plate.text) ? [{ estimate: r.colour, weight: r.area }] : []));
      return voteColours(frames) ?? voteColours(s.sightColours) ?? estimateColour(s.bestCrop, null);
    });
    await timed('events', async () => {
      const thumb = o.thumbnails && s?.bestCrop ? await encodeJpeg(s.bestCrop, 320) : undefined;
      const event = buildVehicleEvent({
        trackId: tr.id, startS: tr.firstT, endS: tr.lastT, type: estimateType(trackClass(tr), s?.bestBox ?? tr.box),
        colour: described.colour, colourConfidence: described.confidence, colourAlt: described.alt,
        plate, direction: trackDirection(tr, o.cameraHeadingDeg ?? null), box: s?.bestBox ?? tr.box, thumbnailJpeg: thumb,
      }, { cameraId: o.cameraId, streamStart });
      await deps.sink.emit(event);
      stats.events++;
      if (s) {
        stats.latencyMs.push(performance.now() - s.lastSeenWall);
        if (stats.latencyMs.length > LATENCY_SAMPLES) stats.latencyMs.shift();
      }
    });
  }

  const mergeWindow = o.plateMergeSeconds ?? 2;
  const held: { tr: Track; s: TrackState; plate: VotedPlate }[] = [];

  /** Held tracks whose window has passed (all when `t` is Infinity): merged into a successor with the same plate, or emitted. */
  async function releaseHeld(t: number, active: Track[]): Promise<void> {
    held.sort((a, b) => a.tr.lastT - b.tr.lastT);
    for (const h of [...held]) {
      if (t !== Number.POSITIVE_INFINITY && t - h.tr.lastT <= mergeWindow) continue;
      held.splice(held.indexOf(h), 1);
      const next = [...active.map((tr) => ({ tr, s: state.get(tr.id) })), ...held]
        .find((c) => c.s && c.tr.firstT > h.tr.lastT && c.tr.firstT - h.tr.lastT <= mergeWindow && samePlate(fusePlates(readings(c.s))?.text ?? '', h.plate.text));
      if (next?.s) absorb(h, next.tr, next.s);
      else await emitTrack(h.tr, h.s, h.plate);
    }
  }

  /** The later track takes over the earlier one's start, hits, class votes, reads and best crop. */
  function absorb(h: { tr: Track; s: TrackState }, tr: Track, s: TrackState): void {
    Object.assign(tr, { firstT: h.tr.firstT, firstBox: h.tr.firstBox, hits: tr.hits + h.tr.hits, bestScore: Math.max(tr.bestScore, h.tr.bestScore) });
    for (const [cls, v] of h.tr.classVotes) tr.classVotes.set(cls, (tr.classVotes.get(cls) ?? 0) + v);
    s.reads.unshift(...h.s.reads);
    for (const c of h.s.sightColours) keepSightColour(s, c);
    if (h.s.bestArea > s.bestArea) Object.assign(s, { bestCrop: h.s.bestCrop, bestArea: h.s.bestArea, bestBox: h.s.bestBox });
  }

  /** Confirmed tracks become events; a short track does too if a plate was read on it (a plate is strong evidence). */
  async function settle(ended: Track[], dropped: Track[]): Promise<void> {
    for (const tr of ended) {
      if (isBackground(tr)) state.delete(tr.id);
      else await finishTrack(tr);
    }
    for (const tr of dropped) {
      if (state.get(tr.id)?.reads.length) await finishTrack(tr);
      else state.delete(tr.id);
    }
  }

  let frameArea = 1;
  // The camera offset of each gated frame, by frame index (a clock may gate the next frame before this one is analysed).
  const offsets = new Map<number, [number, number]>();
  const offsetOf = (frame: Frame): [number, number] => offsets.get(frame.index) ?? [0, 0];
  const isBackground = (tr: Track): boolean => {
    const s = state.get(tr.id);
    const panned: [number, number] = s ? [s.lastOffset[0] - s.firstOffset[0], s.lastOffset[1] - s.firstOffset[1]] : [0, 0];
    return barelyMoved(tr, panned) && (s?.bestArea ?? 0) < (o.backgroundMaxAreaShare ?? 0.02) * frameArea;
  };

  async function observe(tr: Track, frame: Frame): Promise<void> {
    let s = state.get(tr.id);
    if (!s) state.set(tr.id, (s = { bestCrop: null, bestArea: 0, bestBox: tr.box, reads: [], sightColours: [], extraReads: 0, lastReadT: -1e9, lastSightT: -1e9, lastSeenWall: 0, firstOffset: offsetOf(frame), lastOffset: offsetOf(frame) }));
    s.lastSeenWall = performance.now();
    s.lastOffset = offsetOf(frame);
    const box = clampRect(tr.box, frame.image.width, frame.image.height);
    const region = vehicleCropRegion(box, frame.image.width, frame.image.height);
    const area = box[2] * box[3];
    const wantRead = deps.plates !== null && box[2] >= (o.minPlateVehicleWidth ?? 100) && frame.t - s.lastReadT >= 0.3 && readWorthIt(s, area);
    const wantSight = frame.t - s.lastSightT >= 0.3;
    if (area <= s.bestArea && !wantRead && !wantSight) return;
    const crop = cropRgb(frame.image, region);
    if (area > s.bestArea) Object.assign(s, { bestCrop: crop, bestArea: area, bestBox: box });
    if (wantRead) {
      s.lastReadT = frame.t;
      const read = await timed('plates', () => deps.plates!.read(crop, { vehicleCrop: true }));
      if (read) keepBestReads(s, { reading: read, area, colour: await timed('describe', () => estimateColour(crop, read.box)), clipped: plateClipped(crop, read.box) });
      // A crop with a plate read is coloured around the plate; colouring it again without one would be wasted.
      if (read) s.lastSightT = frame.t;
    }
    if (wantSight && s.lastSightT !== frame.t) {
      s.lastSightT = frame.t;
      keepSightColour(s, { estimate: await timed('describe', () => estimateColour(crop, null)), weight: area });
    }
  }

  /** Keeps the colours of the `MAX_SIGHT_COLOURS` largest crops seen, measured without a plate. */
  function keepSightColour(s: TrackState, c: WeightedColour): void {
    s.sightColours.push(c);
    s.sightColours.sort((a, b) => b.weight - a.weight);
    s.sightColours.length = Math.min(s.sightColours.length, MAX_SIGHT_COLOURS);
  }

  const maxReads = o.maxPlateReadsPerTrack ?? 5;
  /** Reads until the maximum; then only a crop 30 % larger than the smallest read one (3 such extra reads at most). */
  function readWorthIt(s: TrackState, area: number): boolean {
    if (s.reads.length < maxReads) return true;
    return s.extraReads < 3 && area > 1.3 * Math.min(...s.reads.map((r) => r.area));
  }

  /** Keeps the reads made on the largest crops (a nearer plate has more pixels per character). */
  function keepBestReads(s: TrackState, read: TrackRead): void {
    if (s.reads.length >= maxReads) {
      s.extraReads++;
      const smallest = s.reads.reduce((a, b) => (b.area < a.area ? b : a));
      s.reads.splice(s.reads.indexOf(smallest), 1);
    }
    s.reads.push(read);
  }

  let inFlight: Promise<void> | null = null;
  let failure: unknown = null;

  async function analyse(frame: Frame, detect: boolean): Promise<void> {
    if (!detect) return track(frame, []);
    ranDetector(frame);
    let dets: Detection[];
    try {
      dets = await timed('detect', () => deps.detector.detect(frame.image));
    } catch (err) {
      if (!(err instanceof FrameDropped)) throw err;
      stats.droppedByDetector++;
      return;
    }
    return track(frame, dets);
  }

  function ranDetector(frame: Frame): void {
    stats.detectorRuns++;
    rate.ran(frame.t);
  }

  async function track(frame: Frame, dets: Detection[]): Promise<void> {
    stats.personDetections += dets.filter((d) => d.cls === 'person').length;
    const { active, ended, dropped } = await timed('track', () => tracker.update(frame.t, dets.filter((d) => isVehicle(d.cls))));
    for (const tr of active) if (tr.lastT === frame.t) await observe(tr, frame);
    await settle(ended, dropped);
    await releaseHeld(frame.t, active);
  }

  /** Counts the frame, updates the motion background, and says what the frame needs (`detectEvery` applied). */
  async function gate(frame: Frame): Promise<FrameGate> {
    stats.frames++;
    frameArea = frame.image.width * frame.image.height;
    const m = await timed('motion', () => motion.update(frame.image));
    offsets.set(frame.index, m.cameraOffset);
    if (offsets.size > 16) offsets.delete(offsets.keys().next().value!);
    if (m.changed < (o.motionMinChanged ?? 0.002)) {
      sinceDetect = 0;
      return 'track';
    }
    return sinceDetect++ % (o.detectEvery ?? 1) === 0 ? 'detect' : 'skip';
  }

  return {
    stats,
    /**
     * Processes one frame; the frame's buffer may be reused by the caller once this resolves. In `live` mode it
     * resolves at once: the frame is analysed in the background unless the previous one still is (then it is
     * skipped), so a live stream is never held up and nothing queues.
     */
    async process(frame: Frame): Promise<void> {
      if (failure) throw failure;
      const need = await gate(frame);
      if (need === 'skip') return;
      if (!o.live) return analyse(frame, need === 'detect');
      if (inFlight) {
        stats.skippedBusy++;
        return;
      }
      const copy: Frame = { ...frame, image: { ...frame.image, data: frame.image.data.slice() } };
      inFlight = analyse(copy, need === 'detect')
        .catch((err: unknown) => { failure = err; })
        .finally(() => { inFlight = null; });
    },
    /** Clocked mode (a capture clock detects for several cameras at once), step 1: the motion gate, as in `process`. */
    gate,
    /**
     * Clocked mode, step 2: tracking, plates and events for a gated frame, with the detections the clock found on it
     * (`null` when the gate said `track`: no detector run). Call in frame order, one frame at a time.
     */
    async analyseDetected(frame: Frame, found: { detections: Detection[]; ms: number } | null): Promise<void> {
      if (!found) return track(frame, []);
      ranDetector(frame);
      stats.ms.detect += found.ms;
      return track(frame, found.detections);
    },
    /** Ends all open tracks (end of file or shutdown) and emits their events. */
    async finish(): Promise<void> {
      await inFlight;
      if (failure) throw failure;
      const { ended, dropped } = tracker.flush();
      await settle(ended, dropped);
      await releaseHeld(Number.POSITIVE_INFINITY, []);
    },
  };
}

/** The plate readings of a track's reads (none without a state). */
const readings = (s: TrackState | undefined): PlateReading[] => s?.reads.map((r) => r.reading) ?? [];

/** Follows the stream-time interval between detector runs (EMA) and reports it after each run. */
function detectorRate(onInterval: (seconds: number) => void) {
  let lastT: number | null = null;
  let ema = 0;
  return {
    ran(t: number): void {
      // A pause longer than 1.5 s is a still scene (no detector needed), not a slow detector.
      if (lastT !== null && t > lastT && t - lastT <= 1.5) {
        const dt = t - lastT;
        ema = ema === 0 ? dt : ema + 0.2 * (dt - ema);
        onInterval(ema);
      }
      lastT = t;
    },
  };
}
