import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { concatListText, type ClipPlan } from './clip-plan.ts';

/** A finished clip file with its SHA-256 (hex) and size. */
export interface CutClip {
  path: string;
  bytes: number;
  sha256: string;
}

/** What to cut: a plan from `planClip`, where to write, and how. */
export interface CutOptions {
  ffmpegPath: string;
  plan: ClipPlan;
  /** Start of the first entry's segment (epoch ms) — exact cuts seek relative to it. */
  firstSegmentStartMs: number;
  outPath: string;
  listPath: string;
  /** Re-encode for frame-exact bounds instead of copying from the keyframe at or before the start. */
  exact: boolean;
  /** PNG (black polygons on transparency) burned in; forces a re-encode. */
  maskPngPath?: string | null;
}

/** ffmpeg arguments for the cut: stream copy via concat in/out points, or a re-encode (exact and/or masked). */
export function clipArgs(o: CutOptions): string[] {
  const reencode = o.exact || Boolean(o.maskPngPath);
  const common = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0'];
  const out = ['-movflags', '+faststart', '-f', 'mp4', o.outPath];
  if (!reencode) return [...common, '-i', o.listPath, '-map', '0:v:0', '-c', 'copy', ...out];
  const trim = o.exact
    ? ['-ss', secs(o.plan.coveredStartMs - o.firstSegmentStartMs), '-t', secs(o.plan.coveredEndMs - o.plan.coveredStartMs)]
    : [];
  const mask = o.maskPngPath ? ['-i', o.maskPngPath, '-filter_complex', '[1:v][0:v]scale2ref[m][v];[v][m]overlay=0:0:format=auto[out]', '-map', '[out]'] : ['-map', '0:v:0'];
  return [...common, '-i', o.listPath, ...mask, ...trim, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', ...out];
}

/** Cuts the clip with ffmpeg and hashes the result. Exact cuts list whole segments and trim after decoding. */
export async function cutClip(o: CutOptions): Promise<CutClip> {
  const exact = o.exact;
  writeFileSync(o.listPath, concatListText(o.plan.entries, { withPoints: !exact }));
  await runFfmpeg(o.ffmpegPath, clipArgs(o));
  return { path: o.outPath, bytes: statSync(o.outPath).size, sha256: await sha256File(o.outPath) };
}

/** Hex SHA-256 of a file, streamed. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Runs ffmpeg to completion; rejects with its last error lines. */
export function runFfmpeg(ffmpegPath: string, args: string[], stdout?: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stdout.on('data', (c: Buffer) => stdout?.(c));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${err.trim()}`))));
  });
}

function secs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
