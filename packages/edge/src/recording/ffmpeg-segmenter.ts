import { spawn } from 'node:child_process';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { FfmpegInput } from '../sources/ffmpeg-input-args.ts';

/** How one ffmpeg run writes a camera's segments. */
export interface SegmenterOptions {
  ffmpegPath: string;
  input: FfmpegInput;
  dir: string;
  /** Unique per run (restart), so a new run never overwrites an old run's files. */
  runId: string;
  segmentSeconds: number;
  format: 'fmp4' | 'mp4';
  /** PNG of black polygons on transparency burned into the video: re-encodes instead of copying. */
  maskPngPath?: string | null;
}

/** ffmpeg's periodic progress report (from `-progress`). */
export interface SegmenterProgress {
  frame: number;
  outTimeUs: number;
  totalSize: number;
}

/** A running segmenter: events for finished segments and progress, and how it ended. */
export interface SegmenterProcess {
  onSegment(cb: (s: { path: string; durationS: number }) => void): void;
  onProgress(cb: (p: SegmenterProgress) => void): void;
  stdin: Writable | null;
  pid: number | undefined;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderrTail: string }>;
  kill(signal?: NodeJS.Signals): void;
}

// fMP4: each fragment is self-contained, so a crash or kill -9 loses at most the last second.
const FMP4_FLAGS = 'movflags=+frag_keyframe+empty_moov+default_base_moof:frag_duration=1000000';

/** The full ffmpeg argument list: input, video-only stream copy, fixed-length segments listed as CSV on stdout. */
export function segmenterArgs(o: SegmenterOptions): string[] {
  return [
    '-hide_banner', ...(o.input.feedsStdin ? [] : ['-nostdin']), '-nostats', '-loglevel', 'error', '-progress', 'pipe:2',
    ...o.input.args,
    // Video only: recording audio in public space is restricted in many places; the hub never asks for it.
    ...(o.maskPngPath ? burnArgs(o.maskPngPath) : ['-map', '0:v:0', '-c', 'copy']),
    '-f', 'segment', '-segment_time', String(o.segmentSeconds), '-reset_timestamps', '1',
    '-segment_format', 'mp4', ...(o.format === 'fmp4' ? ['-segment_format_options', FMP4_FLAGS] : []),
    '-segment_list', 'pipe:1', '-segment_list_type', 'csv',
    join(o.dir, `${o.runId}-%06d.mp4`),
  ];
}

// Masks burned in: overlay the mask scaled to the video, encode, a keyframe every 2 s so clips cut close.
function burnArgs(maskPngPath: string): string[] {
  return [
    '-i', maskPngPath, '-filter_complex', '[1:v][0:v]scale2ref[m][v];[v][m]overlay=0:0:format=auto[out]', '-map', '[out]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-crf', '23', '-pix_fmt', 'yuv420p',
    '-force_key_frames', 'expr:gte(t,n_forced*2)',
  ];
}

/** Spawns ffmpeg for one recording run and parses its segment list (stdout) and progress (stderr). */
export function spawnSegmenter(o: SegmenterOptions): SegmenterProcess {
  const child = spawn(o.ffmpegPath, segmenterArgs(o), { stdio: [o.input.feedsStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  const segmentCbs: Array<(s: { path: string; durationS: number }) => void> = [];
  const progressCbs: Array<(p: SegmenterProgress) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const [file, start, end] = line.split(',');
    if (!file || start === undefined || end === undefined) return;
    const s = { path: join(o.dir, basename(file)), durationS: Number(end) - Number(start) };
    segmentCbs.forEach((cb) => cb(s));
  });
  const tail: string[] = [];
  let block: Record<string, string> = {};
  createInterface({ input: child.stderr! }).on('line', (line) => {
    const m = /^([a-z_0-9]+)=(.*)$/.exec(line.trim());
    if (!m) return void (tail.push(line), tail.length > 20 && tail.shift());
    block[m[1]!] = m[2]!;
    if (m[1] !== 'progress') return;
    const p = { frame: Number(block.frame ?? 0), outTimeUs: Number(block.out_time_us ?? 0) || 0, totalSize: Number(block.total_size ?? 0) || 0 };
    block = {};
    progressCbs.forEach((cb) => cb(p));
  });
  child.stdin?.on('error', () => undefined); // ffmpeg gone: the exit handler reports it
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderrTail: string }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stderrTail: tail.join('\n') })),
  );
  child.once('error', () => undefined); // spawn failure surfaces as 'close' with code -2
  return {
    onSegment: (cb) => void segmentCbs.push(cb),
    onProgress: (cb) => void progressCbs.push(cb),
    stdin: child.stdin,
    pid: child.pid,
    exited,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
  };
}
