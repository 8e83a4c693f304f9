import { resizeRgb, type Rect, type RgbImage } from '../capture/rgb-image.ts';
import type { Detection, ObjectDetector } from './object-detector.ts';

/** Thrown by a queued `detect()` whose frame was dropped because newer frames filled the bounded queue. */
export class FrameDropped extends Error {
  constructor() {
    super('frame dropped: detector queue full');
  }
}

/** Options of the mosaic detector. */
export interface MosaicDetectorOptions {
  /** Frames packed into one detector run (stacked vertically). */
  tiles?: number;
  /** How long a lone frame waits for company before it runs alone. */
  waitMs?: number;
  /** Frames that may wait; when full, the oldest waiting frame is dropped (its caller gets FrameDropped). */
  maxWaiting?: number;
  /** Detector runs in flight at once (the inner detector's workers). */
  concurrency?: number;
}

/** Counters: detector runs, frames, frames dropped, and the longest queue seen. */
export interface MosaicStats {
  runs: number;
  frames: number;
  dropped: number;
  maxWaiting: number;
}

interface Job {
  frame: RgbImage;
  resolve: (d: Detection[]) => void;
  reject: (e: Error) => void;
}

const GAP = 8;

/** A detector that can take several cameras' frames at once: one answer per frame, in order. */
export interface BatchObjectDetector extends ObjectDetector {
  detectBatch(frames: RgbImage[]): Promise<Detection[][]>;
}

/**
 * ObjectDetector that packs frames from several cameras into one detector input (a vertical mosaic with grey
 * gaps) and splits the detections back: for square-input detectors (CenterNet 512×512) two 16:9 frames cost one
 * run and keep a more natural aspect than one stretched frame. The queue is bounded: the oldest waiting frame is dropped.
 * `detectBatch` runs frames gathered by the caller (a capture clock) at once, `tiles` per run, without the queue.
 */
export function createMosaicDetector(inner: ObjectDetector, opts: MosaicDetectorOptions = {}): BatchObjectDetector & { stats: MosaicStats } {
  const tiles = opts.tiles ?? 2, waitMs = opts.waitMs ?? 50, concurrency = opts.concurrency ?? 2;
  const maxWaiting = opts.maxWaiting ?? tiles * 2;
  const stats: MosaicStats = { runs: 0, frames: 0, dropped: 0, maxWaiting: 0 };
  const waiting: Job[] = [];
  let inFlight = 0;
  let timer: NodeJS.Timeout | null = null;

  const pump = (force: boolean): void => {
    while (inFlight < concurrency && waiting.length > 0 && (force || waiting.length >= tiles)) {
      const batch = waiting.splice(0, tiles);
      inFlight++;
      stats.runs++;
      stats.frames += batch.length;
      void runBatch(inner, batch).finally(() => {
        inFlight--;
        pump(false);
      });
    }
    if (timer === null && waiting.length > 0) timer = setTimeout(() => { timer = null; pump(true); }, waitMs);
  };

  return {
    stats,
    detect(frame) {
      return new Promise<Detection[]>((resolve, reject) => {
        if (waiting.length >= maxWaiting) {
          stats.dropped++;
          waiting.shift()!.reject(new FrameDropped());
        }
        waiting.push({ frame, resolve, reject });
        stats.maxWaiting = Math.max(stats.maxWaiting, waiting.length);
        pump(false);
      });
    },
    async detectBatch(frames) {
      const groups: RgbImage[][] = [];
      for (let i = 0; i < frames.length; i += tiles) groups.push(frames.slice(i, i + tiles));
      stats.runs += groups.length;
      stats.frames += frames.length;
      return (await Promise.all(groups.map((g) => detectTiles(inner, g)))).flat();
    },
    async close() {
      if (timer) clearTimeout(timer);
      for (const j of waiting.splice(0)) j.reject(new FrameDropped());
      await inner.close();
    },
  };
}

async function runBatch(inner: ObjectDetector, batch: Job[]): Promise<void> {
  try {
    const answers = await detectTiles(inner, batch.map((j) => j.frame));
    batch.forEach((job, i) => job.resolve(answers[i]!));
  } catch (err) {
    for (const j of batch) j.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

/** One detector run over the frames stacked (a lone frame runs as it is); each frame's detections in its own pixels. */
async function detectTiles(inner: ObjectDetector, frames: RgbImage[]): Promise<Detection[][]> {
  if (frames.length === 1) return [await inner.detect(frames[0]!)];
  const { image, tiles } = stackFrames(frames);
  const dets = await inner.detect(image);
  return frames.map((f, i) => splitDetections(dets, tiles[i]!, f));
}

/** Where a frame sits in the mosaic: its top row and the scale it was drawn at. */
interface Tile {
  top: number;
  height: number;
  scale: number;
}

/** Stacks frames vertically at a common width, separated by grey bands. */
export function stackFrames(frames: RgbImage[]): { image: RgbImage; tiles: Tile[] } {
  const width = Math.max(...frames.map((f) => f.width));
  const scaled = frames.map((f) => (f.width === width ? f : resizeRgb(f, width, Math.max(1, Math.round((f.height * width) / f.width)))));
  const height = scaled.reduce((h, f) => h + f.height, 0) + GAP * (frames.length - 1);
  const data = new Uint8Array(width * height * 3).fill(114);
  const tiles: Tile[] = [];
  let top = 0;
  scaled.forEach((f, i) => {
    data.set(f.data, top * width * 3);
    tiles.push({ top, height: f.height, scale: f.width / frames[i]!.width });
    top += f.height + GAP;
  });
  return { image: { data, width, height }, tiles };
}

/** The detections whose centre lies in the tile, clipped to it and mapped back to the frame's pixels. */
export function splitDetections(dets: Detection[], tile: Tile, frame: RgbImage): Detection[] {
  const out: Detection[] = [];
  for (const d of dets) {
    const [x, y, w, h] = d.box;
    const cy = y + h / 2;
    if (cy < tile.top || cy >= tile.top + tile.height) continue;
    const y0 = Math.max(y, tile.top), y1 = Math.min(y + h, tile.top + tile.height);
    const box: Rect = [x / tile.scale, (y0 - tile.top) / tile.scale, w / tile.scale, (y1 - y0) / tile.scale];
    out.push({ ...d, box: [box[0], box[1], Math.min(box[2], frame.width - box[0]), Math.min(box[3], frame.height - box[1])] });
  }
  return out;
}
