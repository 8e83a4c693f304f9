import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { SegmentIndex } from './segment-index.ts';

const NAME = /^(\d+)-(\d+)\.mp4$/;
const MIN_BYTES = 1024;

/**
 * Indexes segment files a killed edge left behind (its ffmpeg died with it, so they were never listed), so they
 * count against the disk budget and can be cut. fMP4 files are playable up to their last fragment; their window
 * is estimated from the run's start and the file's mtime. Unplayable ones (plain MP4 without moov, tiny) go.
 */
export function adoptOrphanSegments(o: { index: SegmentIndex; cameraId: string; dir: string; format: 'fmp4' | 'mp4'; segmentSeconds: number; exceptRunId?: string }): number {
  let adopted = 0;
  let lastEnd = o.index.latestSegment(o.cameraId)?.endMs ?? 0;
  const names = readdirSync(o.dir).filter((n) => NAME.test(n) && !n.startsWith(`${o.exceptRunId}-`)).sort();
  for (const name of names) {
    const path = join(o.dir, name);
    if (o.index.hasPath(path)) continue;
    const st = statSync(path);
    if (o.format !== 'fmp4' || st.size < MIN_BYTES) {
      unlinkSync(path);
      continue;
    }
    const runStartMs = Number(NAME.exec(name)![1]);
    const endMs = Math.round(st.mtimeMs);
    const startMs = Math.max(endMs - o.segmentSeconds * 1000, runStartMs, Math.min(lastEnd, endMs - 1));
    o.index.addSegment({ cameraId: o.cameraId, path, startMs, endMs, bytes: st.size });
    lastEnd = endMs;
    adopted++;
  }
  return adopted;
}
