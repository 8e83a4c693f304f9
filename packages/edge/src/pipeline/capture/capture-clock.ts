import type { BatchObjectDetector } from '../detection/mosaic-detector.ts';
import type { Detection, ObjectDetector } from '../detection/object-detector.ts';
import type { Frame } from './ffmpeg-frame-source.ts';
import type { RgbImage } from './rgb-image.ts';

/** What the clock needs from a camera's pipeline (`createVehiclePipeline` in clocked mode). */
export interface ClockedPipeline {
  /** Motion gate: whether the frame needs the detector, only a tracker step, or nothing. */
  gate(frame: Frame): Promise<'detect' | 'track' | 'skip'>;
  /** Tracking onwards, with the detections found on the frame (null: no detector run). Called in frame order. */
  analyseDetected(frame: Frame, found: { detections: Detection[]; ms: number } | null): Promise<void>;
}

/** A camera on the clock: hand it every decoded frame; it keeps only the newest. */
export interface ClockedCamera {
  /** Copies the frame into the camera's slot, replacing an older one not yet taken; never waits. Throws the camera's last analysis failure. */
  offer(frame: Frame): void;
  /** Leaves the clock once a round using its frame has finished; the pipeline may then be finished. */
  remove(): Promise<void>;
  readonly stats: ClockedCameraStats;
}

/** Per camera: frames offered, taken by a round, and replaced in the slot before any round took them. */
export interface ClockedCameraStats {
  offered: number;
  taken: number;
  superseded: number;
}

/** Rounds, detector batches (rounds with frames to detect) and their frames, and the age of taken frames (offer → take). */
export interface CaptureClockStats {
  rounds: number;
  batches: number;
  framesDetected: number;
  /** Batches that held frames of two or more cameras. */
  pairedBatches: number;
  /** The last 1000 ages, ms. */
  ageMs: number[];
  maxAgeMs: number;
}

/** Options; `now` and `sleep` are the clock's time source (tests pass their own). */
export interface CaptureClockOptions {
  /** Shortest time between the starts of two rounds; a round that runs longer delays the next one (rounds never overlap). */
  tickMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const AGES_KEPT = 1000;

interface Taken {
  slot: Slot;
  frame: Frame;
  need: 'detect' | 'track' | 'skip' | undefined;
}

interface Slot {
  id: string;
  pipeline: ClockedPipeline;
  stats: ClockedCameraStats;
  /** The newest offered frame, in `buffer`; null once a round took it. */
  frame: Frame | null;
  offeredAt: number;
  /** Offers write into `buffer`; a taken frame's buffer belongs to its round, then returns to `free` (reused, never shared). */
  buffer: Uint8Array | null;
  free: Uint8Array[];
  failure: unknown;
  removed: boolean;
}

/**
 * A capture clock shared by live cameras: each camera keeps only its newest decoded frame (overwritten, so nothing
 * queues), and every tick one round takes the newest frame of each camera, runs the motion gates, sends all frames
 * that need the detector through one batch (two cameras per mosaic run), then tracks each camera's detections with
 * its frame's own timestamp. Unsynchronised cameras thus always pair, and no taken frame is older than one tick
 * (while detection takes less than a tick; a slower detector delays the next round, frames offered meanwhile wait).
 */
export function createCaptureClock(detector: ObjectDetector | BatchObjectDetector, opts: CaptureClockOptions = {}) {
  const tickMs = opts.tickMs ?? 400;
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const slots = new Map<string, Slot>();
  const stats: CaptureClockStats = { rounds: 0, batches: 0, framesDetected: 0, pairedBatches: 0, ageMs: [], maxAgeMs: 0 };
  const done = Promise.resolve();
  // Two stages: take → gate → detect (one round at a time), then tracking onwards (per camera in frame order). The
  // next round may detect while this one reads plates; it waits for the round before this one to be fully done, so
  // at most two rounds are in flight and at most three frame buffers per camera exist.
  let detected: Promise<unknown> = done;
  let analysed: [Promise<void>, Promise<void>] = [done, done];
  let running = false;
  let loop: Promise<void> | null = null;

  function take(): Taken[] {
    const taken: Taken[] = [];
    for (const slot of slots.values()) {
      if (!slot.frame) continue;
      const age = now() - slot.offeredAt;
      if (stats.ageMs.length >= AGES_KEPT) stats.ageMs.shift();
      stats.ageMs.push(age);
      stats.maxAgeMs = Math.max(stats.maxAgeMs, age);
      taken.push({ slot, frame: slot.frame, need: undefined });
      slot.frame = null;
      slot.buffer = slot.free.pop() ?? null;
      slot.stats.taken++;
    }
    return taken;
  }

  async function detectRound(): Promise<{ taken: Taken[]; found: Detection[][]; ms: number }> {
    const taken = take();
    if (taken.length > 0) stats.rounds++;
    for (const x of taken) x.need = await guarded(x.slot, () => x.slot.pipeline.gate(x.frame));
    const toDetect = inTurn(taken.filter((x) => x.need === 'detect'), stats.pairedBatches);
    const t0 = now();
    let found: Detection[][] = [];
    try {
      found = await detectAll(detector, toDetect.map((x) => x.frame.image));
    } catch (err) {
      for (const x of toDetect) x.slot.failure ??= err;
    }
    if (toDetect.length > 0) stats.batches++;
    if (toDetect.length > 1) stats.pairedBatches++;
    stats.framesDetected += toDetect.length;
    return { taken, found: taken.map((x) => found[toDetect.indexOf(x)] ?? []), ms: now() - t0 };
  }

  async function analyseRound({ taken, found, ms }: Awaited<ReturnType<typeof detectRound>>): Promise<void> {
    await Promise.all(taken.map(async (x, i) => {
      if (x.need !== undefined && x.need !== 'skip' && !x.slot.failure) {
        await guarded(x.slot, () => x.slot.pipeline.analyseDetected(x.frame, x.need === 'detect' ? { detections: found[i]!, ms } : null));
      }
      x.slot.free.push(x.frame.image.data as Uint8Array);
    }));
  }

  /** Starts one round (its detection after the previous round's); resolves when the detector is done with it. */
  function startRound(): { detected: Promise<unknown>; analysed: Promise<void> } {
    const [beforePrevious, previous] = analysed;
    const d = Promise.all([detected, beforePrevious]).then(detectRound);
    const a = Promise.all([d, previous]).then(([r]) => analyseRound(r));
    detected = d;
    analysed = [previous, a];
    return { detected: d, analysed: a };
  }

  /** One round now (after those in progress); resolves when its frames are fully analysed. */
  function tick(): Promise<void> {
    return startRound().analysed;
  }

  // A fixed grid, not "as soon as a frame arrives": a round started by the first camera's frame would leave the
  // other camera's frame, arriving a few ms later, for a lone run of its own.
  async function run(): Promise<void> {
    while (running) {
      const started = now();
      await startRound().detected;
      const rest = tickMs - (now() - started);
      if (rest > 0 && running) await sleep(rest);
    }
  }

  return {
    stats,
    /** Puts a camera's pipeline on the clock. */
    add(id: string, pipeline: ClockedPipeline): ClockedCamera {
      if (slots.has(id)) throw new Error(`camera ${id} is already on the capture clock`);
      const slot: Slot = { id, pipeline, stats: { offered: 0, taken: 0, superseded: 0 }, frame: null, offeredAt: 0, buffer: null, free: [], failure: null, removed: false };
      slots.set(id, slot);
      return {
        stats: slot.stats,
        offer(frame) {
          if (slot.failure) throw slot.failure;
          if (slot.removed) throw new Error(`camera ${id} has left the capture clock`);
          slot.stats.offered++;
          if (slot.frame) slot.stats.superseded++;
          slot.frame = copyInto(frame, slot.buffer);
          slot.buffer = slot.frame.image.data as Uint8Array;
          slot.offeredAt = now();
        },
        async remove() {
          slot.removed = true;
          slot.frame = null;
          slots.delete(id);
          await analysed[1];
          if (slot.failure) throw slot.failure;
        },
      };
    },
    tick,
    /** Starts a round every `tickMs` (right after the previous detection when it ran longer); a round without frames does nothing. */
    start(): void {
      if (running) return;
      running = true;
      loop = run();
    },
    /** Stops the rounds; the round in progress finishes first. */
    async stop(): Promise<void> {
      running = false;
      await loop;
      await analysed[1];
    },
  };
}

/** A camera's failure is kept for its next `offer` and ends its part of the round; other cameras go on. */
async function guarded<T>(slot: Slot, f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (err) {
    slot.failure ??= err;
    return undefined;
  }
}

/**
 * The batch rotated by `turn` places: cameras take turns at each place in the mosaic. A detector does not score every
 * tile alike (one frame lies against the image border, the other against its neighbour), so a fixed order would
 * give one camera systematically fewer detections, and fewer vehicles counted, than the others.
 */
export function inTurn<T>(batch: T[], turn: number): T[] {
  if (batch.length < 2) return batch;
  const k = turn % batch.length;
  return [...batch.slice(k), ...batch.slice(0, k)];
}

/** All frames through one batch when the detector packs several per run (mosaic), else one call each, in parallel. */
export async function detectAll(detector: ObjectDetector | BatchObjectDetector, frames: RgbImage[]): Promise<Detection[][]> {
  if (frames.length === 0) return [];
  if ('detectBatch' in detector) return detector.detectBatch(frames);
  return Promise.all(frames.map((f) => detector.detect(f)));
}

/** The frame with its pixels copied into `buffer` (reused when the size matches, else a new one). */
function copyInto(frame: Frame, buffer: Uint8Array | null): Frame {
  const src = frame.image.data;
  const data = buffer && buffer.length === src.length ? buffer : new Uint8Array(src.length);
  data.set(src);
  return { ...frame, image: { ...frame.image, data } };
}

/** A running capture clock (see `createCaptureClock`). */
export type CaptureClock = ReturnType<typeof createCaptureClock>;
