/** A small grey image (row-major, one byte per pixel). */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Options: the search radius in grey pixels and how clearly a shift must beat "no shift" to count as camera motion. */
export interface SceneShiftOptions {
  radius?: number;
  /** The shifted difference must be at most this share of the unshifted one. */
  maxErrorRatio?: number;
  /** Share of the image's cells (4 x 4) that must agree the shift fits better than none (a bus is not a pan). */
  minCellShare?: number;
}

const CELLS = 4;

/**
 * How far the whole scene moved from `from` to `to` (grey pixels, sub-pixel): a panning or shaking camera moves
 * everything, a fixed camera nothing however much traffic moves in it. A shift counts only when it fits most of the
 * image clearly better than none; else the answer is [0, 0].
 */
export function estimateSceneShift(from: GreyImage, to: GreyImage, o: SceneShiftOptions = {}): [number, number] {
  const r = o.radius ?? 4;
  const { width: w, height: h } = to;
  if (from.width !== w || from.height !== h || w <= 4 * r || h <= 4 * r) return [0, 0];
  // Which of the 4 x 4 cells each inner column and row falls in.
  const cellX = Int32Array.from({ length: w }, (_, x) => Math.min(CELLS - 1, Math.max(0, Math.floor(((x - r) * CELLS) / (w - 2 * r)))));
  const cellY = Int32Array.from({ length: h }, (_, y) => Math.min(CELLS - 1, Math.max(0, Math.floor(((y - r) * CELLS) / (h - 2 * r)))) * CELLS);
  const side = 2 * r + 1;
  const errs: ({ total: number; cells: Float64Array } | undefined)[] = new Array(2 * side * side);
  /** The difference at shift (dx, dy) on every 2nd pixel, or every 4th for the coarse search. */
  const errorAt = (dx: number, dy: number, step = 2) => {
    const k = (dy + r) * side + dx + r + (step === 2 ? 0 : side * side);
    let e = errs[k];
    if (e) return e;
    e = { total: 0, cells: new Float64Array(CELLS * CELLS) };
    const a = to.data, b = from.data, cells = e.cells;
    // The same inner region for every shift, every 2nd pixel: to(x, y) against from(x - dx, y - dy).
    for (let y = r; y < h - r; y += step) {
      const row = y * w, prow = (y - dy) * w - dx, cy = cellY[y]!;
      for (let x = r; x < w - r; x += step) cells[cy + cellX[x]!]! += Math.abs(a[row + x]! - b[prow + x]!);
    }
    for (const c of cells) e.total += c;
    errs[k] = e;
    return e;
  };
  // Coarse search over every shift, then the best one's neighbours (and no shift) on the finer grid.
  let coarse: [number, number] = [0, 0];
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (errorAt(dx, dy, 4).total < errorAt(...coarse, 4).total) coarse = [dx, dy];
  let best: [number, number] = [0, 0];
  for (let dy = Math.max(-r, coarse[1] - 1); dy <= Math.min(r, coarse[1] + 1); dy++) {
    for (let dx = Math.max(-r, coarse[0] - 1); dx <= Math.min(r, coarse[0] + 1); dx++) if (errorAt(dx, dy).total < errorAt(...best).total) best = [dx, dy];
  }
  if (best[0] === 0 && best[1] === 0) return [0, 0];
  const still = errorAt(0, 0), moved = errorAt(...best);
  if (moved.total > (o.maxErrorRatio ?? 0.5) * still.total) return [0, 0];
  const agree = still.cells.reduce((n, e, i) => n + (moved.cells[i]! < e ? 1 : 0), 0);
  if (agree < (o.minCellShare ?? 0.75) * CELLS * CELLS) return [0, 0];
  // Sub-pixel: a parabola through the error at the best shift and its two neighbours, per axis (inside the radius).
  const refine = (axis: 0 | 1): number => {
    const at = (k: number) => { const s: [number, number] = [...best]; s[axis] += k; return Math.abs(s[axis]) <= r ? errorAt(...s).total : null; };
    const [a, b, c] = [at(-1), at(0)!, at(1)];
    if (a === null || c === null || a + c - 2 * b <= 0) return best[axis];
    return best[axis] + Math.max(-0.5, Math.min(0.5, (a - c) / (2 * (a + c - 2 * b))));
  };
  return [refine(0), refine(1)];
}

/**
 * Follows the camera's own motion over a stream (pan, tilt, shake) as an offset in grey pixels since the first frame.
 * Each frame is compared with a key frame, not with the previous one, so a slow pan (under a grey pixel per frame)
 * still adds up; the key moves on once the shift reaches `rekeyAt` pixels (or goes stale after `maxKeyFrames`).
 */
export class SceneShiftTracker {
  private key: GreyImage | null = null;
  private keyOffset: [number, number] = [0, 0];
  private keyAge = 0;
  /** The camera offset of the latest frame, grey pixels. */
  offset: [number, number] = [0, 0];

  constructor(private readonly o: SceneShiftOptions & { rekeyAt?: number; maxKeyFrames?: number } = {}) {}

  /** Takes the next frame's grey image (copied when it becomes the key) and returns the camera offset. */
  update(grey: GreyImage): [number, number] {
    if (!this.key || this.key.width !== grey.width || this.key.height !== grey.height) {
      this.rekey(grey, [0, 0]);
      return this.offset;
    }
    const s = estimateSceneShift(this.key, grey, this.o);
    this.offset = [this.keyOffset[0] + s[0], this.keyOffset[1] + s[1]];
    if (Math.hypot(s[0], s[1]) >= (this.o.rekeyAt ?? 2) || ++this.keyAge >= (this.o.maxKeyFrames ?? 5)) this.rekey(grey, this.offset);
    return this.offset;
  }

  private rekey(grey: GreyImage, offset: [number, number]): void {
    this.key = { data: grey.data.slice(0, grey.width * grey.height), width: grey.width, height: grey.height };
    this.keyOffset = [...offset];
    this.offset = [...offset];
    this.keyAge = 0;
  }
}
