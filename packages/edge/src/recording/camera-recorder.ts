import { mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CameraHealth } from '@camnet/core';
import { maskPng, type MaskPolygon } from '../clips/privacy-mask.ts';
import type { DirectSource } from '../sources/camera-source.ts';
import { ffmpegInputArgs } from '../sources/ffmpeg-input-args.ts';
import { pollSnapshots, type SnapshotPoller } from '../sources/http-snapshot-poller.ts';
import { adoptOrphanSegments } from './orphan-segments.ts';
import { spawnSegmenter, type SegmenterOptions, type SegmenterProcess } from './ffmpeg-segmenter.ts';
import type { Gap, SegmentIndex } from './segment-index.ts';

/** What a camera recorder needs; `spawn` and `clock` are injectable for tests. */
export interface CameraRecorderDeps {
  cameraId: string;
  /** Resolved lazily at each (re)start, so an ONVIF camera is asked for its URI again after a failure. */
  resolveSource: () => Promise<DirectSource>;
  index: SegmentIndex;
  dir: string;
  ffmpegPath: string;
  segmentSeconds: number;
  format: 'fmp4' | 'mp4';
  stallMs: number;
  clock?: () => number;
  spawn?: (o: SegmenterOptions) => SegmenterProcess;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** Privacy masks to burn into the recording (mask mode `burn`); empty: stream copy, masks applied on the way out. */
  burnMasks?: readonly MaskPolygon[];
  /** Called when a gap opens and again when it closes (the edge reports gaps to the hub's timeline). */
  onGap?: (gap: Gap) => void;
}

/** A camera's continuous recording: one ffmpeg at a time, restarted on exit or stall, gaps recorded with cause. */
export interface CameraRecorder {
  start(): void;
  stop(): Promise<void>;
  health(): CameraHealth;
  /** The fMP4 segment being written now (readable up to its last fragment, about 1 s behind), if online. */
  currentSegmentPath(): string | null;
}

const MAX_RESTART_DELAY_MS = 8000;
const MIN_ADOPT_BYTES = 1024;

/** Creates the recorder; nothing runs until `start()`. */
export function createCameraRecorder(d: CameraRecorderDeps): CameraRecorder {
  const clock = d.clock ?? Date.now;
  const spawnIt = d.spawn ?? spawnSegmenter;
  const log = d.log ?? (() => undefined);
  let proc: SegmenterProcess | null = null;
  let poller: SnapshotPoller | null = null;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  let attempt = 0;
  let run = { id: '', startedMs: 0, lastEndMs: 0, lastOutUs: -1, lastProgressMs: 0, frames: 0, fps: 0, stallKilled: false };
  let lastError: string | null = null;
  mkdirSync(d.dir, { recursive: true });

  const openGap = (startMs: number, cause: string) => {
    if (d.index.openGapOf(d.cameraId)) return;
    const gap = d.index.openGap(d.cameraId, startMs, cause); // not inside onGap?.(…): that would skip it without a listener
    d.onGap?.(gap);
  };
  const closeGap = (endMs: number) => {
    const g = d.index.openGapOf(d.cameraId);
    if (!g) return;
    d.index.closeGap(g.id, endMs);
    d.onGap?.({ ...g, endMs });
  };

  const onSegment = (s: { path: string; durationS: number }) => {
    const endMs = clock();
    const startMs = Math.max(endMs - Math.round(s.durationS * 1000), run.lastEndMs);
    const bytes = fileSize(s.path);
    if (bytes === null) return;
    d.index.addSegment({ cameraId: d.cameraId, path: s.path, startMs, endMs, bytes });
    run.lastEndMs = endMs;
  };

  const onProgress = (p: { frame: number; outTimeUs: number }) => {
    if (p.outTimeUs <= run.lastOutUs) return; // no new media: a stall in the making
    const now = clock();
    if (run.lastOutUs < 0) {
      closeGap(now); // first media of this run ends the gap
      attempt = 0;
      lastError = null;
    } else if (now > run.lastProgressMs) {
      run.fps = Math.max(0, ((p.frame - run.frames) * 1000) / (now - run.lastProgressMs));
    }
    run.lastOutUs = p.outTimeUs;
    run.lastProgressMs = now;
    run.frames = p.frame;
  };

  async function launch(): Promise<void> {
    if (stopping) return;
    const now = clock();
    run = { id: String(now), startedMs: now, lastEndMs: 0, lastOutUs: -1, lastProgressMs: now, frames: 0, fps: 0, stallKilled: false };
    let source: DirectSource;
    try {
      source = await d.resolveSource();
    } catch (e) {
      return onExit(`source_unresolved: ${(e as Error).message}`);
    }
    const maskPngPath = d.burnMasks?.length ? join(d.dir, 'burn-mask.png') : null;
    if (maskPngPath) writeFileSync(maskPngPath, await maskPng(1920, 1080, d.burnMasks!));
    if (stopping) return;
    const input = ffmpegInputArgs(source);
    const p = spawnIt({ ffmpegPath: d.ffmpegPath, input, dir: d.dir, runId: run.id, segmentSeconds: d.segmentSeconds, format: d.format, maskPngPath });
    proc = p;
    p.onSegment(onSegment);
    p.onProgress(onProgress);
    if (input.feedsStdin && source.kind === 'snapshot') poller = pollSnapshots(source.url, source.intervalMs, (jpeg) => p.stdin?.write(jpeg));
    const { code, signal, stderrTail } = await p.exited;
    poller?.stop();
    poller = null;
    proc = null;
    adoptLeftovers(run.id);
    if (stopping) return;
    onExit(run.stallKilled ? 'stalled' : exitCause(code, signal, stderrTail, run.lastOutUs >= 0));
  }

  function onExit(cause: string): void {
    lastError = cause;
    openGap(run.lastOutUs >= 0 ? run.lastProgressMs : clock(), cause);
    const delay = Math.min(500 * 2 ** attempt++, MAX_RESTART_DELAY_MS);
    log('recorder exited; restarting', { cameraId: d.cameraId, cause, delayMs: delay });
    restartTimer = setTimeout(() => void launch(), delay);
  }

  // Segments this run left behind (the one in progress at exit): fMP4 is playable up to the last fragment.
  function adoptLeftovers(runId: string): void {
    for (const name of readdirSync(d.dir).filter((n) => n.startsWith(`${runId}-`)).sort()) {
      const path = join(d.dir, name);
      if (d.index.hasPath(path)) continue;
      const st = statSync(path);
      if (d.format !== 'fmp4' || st.size < MIN_ADOPT_BYTES) {
        unlinkSync(path);
        continue;
      }
      const startMs = run.lastEndMs || run.startedMs;
      const endMs = Math.max(startMs, Math.min(run.lastProgressMs, Math.round(st.mtimeMs)));
      if (endMs > startMs) d.index.addSegment({ cameraId: d.cameraId, path, startMs, endMs, bytes: st.size });
      run.lastEndMs = endMs;
    }
  }

  const checkStall = () => {
    if (proc && clock() - run.lastProgressMs > d.stallMs && !run.stallKilled) {
      run.stallKilled = true;
      log('recorder stalled; killing ffmpeg', { cameraId: d.cameraId });
      proc.kill('SIGKILL');
    }
  };

  return {
    start() {
      stopping = false;
      adoptOrphanSegments({ index: d.index, cameraId: d.cameraId, dir: d.dir, format: d.format, segmentSeconds: d.segmentSeconds });
      const last = d.index.latestSegment(d.cameraId);
      if (last && clock() - last.endMs > 10_000) openGap(last.endMs, 'edge_offline');
      watchdog = setInterval(checkStall, 1000);
      void launch();
    },
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      clearInterval(watchdog);
      const p = proc;
      if (!p) return;
      const timer = setTimeout(() => p.kill('SIGKILL'), 3000);
      p.kill('SIGTERM');
      await p.exited;
      clearTimeout(timer);
      openGap(clock(), 'edge_stopped');
    },
    currentSegmentPath() {
      if (d.format !== 'fmp4' || !proc || clock() - run.lastProgressMs > 3000) return null;
      const names = readdirSync(d.dir).filter((n) => n.startsWith(`${run.id}-`)).sort();
      return names.length ? join(d.dir, names[names.length - 1]!) : null;
    },
    health: () => {
      const online = proc !== null && run.lastOutUs >= 0 && clock() - run.lastProgressMs < 5000;
      const lastFrameAt = run.lastOutUs >= 0 ? new Date(run.lastProgressMs).toISOString() : null;
      return { cameraId: d.cameraId, online, fps: online ? Math.round(run.fps * 10) / 10 : 0, lastFrameAt, recording: online, lastError };
    },
  };
}

function exitCause(code: number | null, signal: NodeJS.Signals | null, stderrTail: string, hadMedia: boolean): string {
  const detail = stderrTail.split('\n').filter(Boolean).pop()?.slice(0, 200) ?? '';
  if (!hadMedia) return `stream_unreachable${detail ? `: ${detail}` : ''}`;
  return `ffmpeg_exited ${signal ? `signal=${signal}` : `code=${code}`}${detail ? `: ${detail}` : ''}`;
}

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}
