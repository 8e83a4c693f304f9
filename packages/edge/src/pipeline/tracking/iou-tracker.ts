import { iou, type Rect } from '../capture/rgb-image.ts';
import type { Detection, DetectedClass } from '../detection/object-detector.ts';

/** One object followed across frames: its boxes over time and the classes the detector gave it. */
export interface Track {
  id: number;
  firstT: number;
  lastT: number;
  box: Rect;
  firstBox: Rect;
  hits: number;
  classVotes: Map<DetectedClass, number>;
  bestScore: number;
  /** Smoothed image velocity of the box centre, pixels per second (0 until seen twice). */
  vx: number;
  vy: number;
}

/** Options: the IoU to continue a track, how long a track may go unseen before it ends, and hits to count as real. */
export interface TrackerOptions {
  minIou?: number;
  maxGapSeconds?: number;
  minHits?: number;
}

/** Greedy IoU tracker on constant-velocity predictions with a centroid fallback: one track per vehicle pass; tracks end after a gap. */
export class IouTracker {
  private tracks: Track[] = [];
  private nextId = 1;
  private readonly opts: TrackerOptions;
  constructor(opts: TrackerOptions = {}) {
    this.opts = { ...opts };
  }

  /** Changes how many detections a track needs to count as real. */
  setMinHits(hits: number): void {
    this.opts.minHits = hits;
  }

  /** Changes how long a track may go unseen (the pipeline follows the detector rate it actually gets). */
  setMaxGap(seconds: number): void {
    this.opts.maxGapSeconds = seconds;
  }

  /** Matches this frame's detections to tracks; returns the tracks that ended: confirmed (`ended`) and too short (`dropped`). */
  update(t: number, detections: Detection[]): { active: Track[]; ended: Track[]; dropped: Track[] } {
    const minIou = this.opts.minIou ?? 0.25;
    const unmatched = new Set(detections.map((_, i) => i));
    const pairs: [number, Track, number][] = [];
    // Match against where each track should be now (constant velocity), so low detector rates still link.
    for (const tr of this.tracks) {
      const dt = t - tr.lastT;
      const predicted: Rect = [tr.box[0] + tr.vx * dt, tr.box[1] + tr.vy * dt, tr.box[2], tr.box[3]];
      // Until a track has a velocity, its next position is less certain: search wider.
      const reach = tr.hits === 1 ? 1.6 : 1;
      detections.forEach((d, i) => pairs.push([score(predicted, d.box, minIou, reach), tr, i]));
    }
    pairs.sort((a, b) => b[0] - a[0]);
    const used = new Set<Track>();
    for (const [s, tr, i] of pairs) {
      if (s <= 0 || used.has(tr) || !unmatched.has(i)) continue;
      used.add(tr);
      unmatched.delete(i);
      const d = detections[i]!;
      const dt = t - tr.lastT;
      if (dt > 0) {
        const k = tr.hits === 1 ? 1 : 0.5;
        tr.vx += k * ((d.box[0] + d.box[2] / 2 - tr.box[0] - tr.box[2] / 2) / dt - tr.vx);
        tr.vy += k * ((d.box[1] + d.box[3] / 2 - tr.box[1] - tr.box[3] / 2) / dt - tr.vy);
      }
      tr.box = d.box;
      tr.lastT = t;
      tr.hits++;
      tr.classVotes.set(d.cls, (tr.classVotes.get(d.cls) ?? 0) + d.score);
      tr.bestScore = Math.max(tr.bestScore, d.score);
    }
    for (const i of unmatched) {
      const d = detections[i]!;
      this.tracks.push({ id: this.nextId++, firstT: t, lastT: t, box: d.box, firstBox: d.box, hits: 1, classVotes: new Map([[d.cls, d.score]]), bestScore: d.score, vx: 0, vy: 0 });
    }
    return this.expire(t);
  }

  /** Ends every track (end of stream). */
  flush(): { ended: Track[]; dropped: Track[] } {
    return this.expire(Number.POSITIVE_INFINITY);
  }

  private expire(t: number): { active: Track[]; ended: Track[]; dropped: Track[] } {
    const gap = this.opts.maxGapSeconds ?? 1.5;
    const minHits = this.opts.minHits ?? 2;
    const ended = this.tracks.filter((tr) => t - tr.lastT > gap);
    this.tracks = this.tracks.filter((tr) => t - tr.lastT <= gap);
    return { active: this.tracks, ended: ended.filter((tr) => tr.hits >= minHits), dropped: ended.filter((tr) => tr.hits < minHits) };
  }
}

/**
 * True when the track's centre moved less than half its box size between its first and last sighting, in the scene:
 * `cameraMoved` (frame pixels) is how far the camera's own pan or shake moved the view meanwhile, taken off.
 */
export function barelyMoved(tr: Track, cameraMoved: [number, number] = [0, 0]): boolean {
  const dx = tr.box[0] + tr.box[2] / 2 - (tr.firstBox[0] + tr.firstBox[2] / 2) - cameraMoved[0];
  const dy = tr.box[1] + tr.box[3] / 2 - (tr.firstBox[1] + tr.firstBox[3] / 2) - cameraMoved[1];
  return Math.hypot(dx, dy) < 0.5 * Math.max(tr.box[2], tr.box[3]);
}

/** The track's class: the one with the most detector score summed over frames. */
export function trackClass(tr: Track): DetectedClass {
  return [...tr.classVotes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

/** Direction of travel in degrees clockwise from north, from the image motion and the camera's heading; null if it barely moved. */
export function trackDirection(tr: Track, cameraHeadingDeg: number | null): number | null {
  if (cameraHeadingDeg === null) return null;
  const dx = tr.box[0] + tr.box[2] / 2 - (tr.firstBox[0] + tr.firstBox[2] / 2);
  const dy = tr.box[1] + tr.box[3] / 2 - (tr.firstBox[1] + tr.firstBox[3] / 2);
  if (Math.hypot(dx, dy) < Math.max(tr.box[2], tr.box[3]) * 0.3) return null;
  // Up the image is away from the camera (its heading); right is heading + 90°.
  const deg = (Math.atan2(dx, -dy) * 180) / Math.PI;
  return Math.round(((cameraHeadingDeg + deg) % 360 + 360) % 360);
}

/**
 * Match quality: the IoU when it is enough; otherwise a near centre (fast or small vehicles at low detector rates),
 * ranked below any real overlap; 0 = no match. "Near" is measured in box sizes and is stricter across the box's
 * height than along its width, so vehicles in the next lane are not taken for the same one.
 */
function score(a: Rect, b: Rect, minIou: number, reach: number): number {
  const overlap = iou(a, b);
  if (overlap >= minIou) return overlap;
  const w = Math.max(a[2], b[2]), h = Math.max(a[3], b[3]);
  const dist = Math.hypot((a[0] + a[2] / 2 - b[0] - b[2] / 2) / w, (a[1] + a[3] / 2 - b[1] - b[3] / 2) / (0.5 * h)) / reach;
  const sizeRatio = Math.min(a[2] * a[3], b[2] * b[3]) / Math.max(1, a[2] * a[3], b[2] * b[3]);
  return dist < 1 && sizeRatio > 0.3 ? minIou * 0.9 * (1 - dist) + 1e-6 : 0;
}
