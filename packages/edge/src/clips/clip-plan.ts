import type { Segment } from '../recording/segment-index.ts';

/** One line of an ffmpeg concat list: a segment file with optional in/out points (seconds into that file). */
export interface ConcatEntry {
  path: string;
  inpointS: number | null;
  outpointS: number | null;
}

/** How a clip is assembled from segments, and the window it really covers. */
export interface ClipPlan {
  entries: ConcatEntry[];
  coveredStartMs: number;
  coveredEndMs: number;
}

/**
 * Which segments (oldest first) make up [startMs, endMs), trimmed with in/out points. Null when no segment
 * overlaps. The window actually covered may be narrower than asked (recording started late, or gaps).
 */
export function planClip(segments: readonly Segment[], startMs: number, endMs: number): ClipPlan | null {
  const used = segments.filter((s) => s.startMs < endMs && s.endMs > startMs).sort((a, b) => a.startMs - b.startMs);
  if (used.length === 0 || endMs <= startMs) return null;
  const entries = used.map((s) => ({
    path: s.path,
    inpointS: startMs > s.startMs ? round3((startMs - s.startMs) / 1000) : null,
    outpointS: endMs < s.endMs ? round3((endMs - s.startMs) / 1000) : null,
  }));
  return {
    entries,
    coveredStartMs: Math.max(startMs, used[0]!.startMs),
    coveredEndMs: Math.min(endMs, used[used.length - 1]!.endMs),
  };
}

/** The concat demuxer's list file for the entries (paths quoted per its escaping rules). */
export function concatListText(entries: readonly ConcatEntry[], opts: { withPoints: boolean }): string {
  return entries
    .map((e) => {
      const lines = [`file '${e.path.replaceAll("'", "'\\''")}'`];
      if (opts.withPoints && e.inpointS !== null) lines.push(`inpoint ${e.inpointS}`);
      if (opts.withPoints && e.outpointS !== null) lines.push(`outpoint ${e.outpointS}`);
      return lines.join('\n');
    })
    .join('\n')
    .concat('\n');
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
