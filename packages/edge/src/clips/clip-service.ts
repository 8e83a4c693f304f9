import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Gap, Segment, SegmentIndex } from '../recording/segment-index.ts';
import type { DirectSource } from '../sources/camera-source.ts';
import { planClip } from './clip-plan.ts';
import { cutClip, type CutClip } from './ffmpeg-clip-cutter.ts';
import { grabJpeg } from './ffmpeg-snapshot.ts';
import { applyMasksToJpeg, maskPng, type MaskPolygon } from './privacy-mask.ts';
import { DomainError } from '@camnet/core';

/** A clip ready to upload: the file, its hash, the window really covered and the gaps inside it. */
export interface ClipResult extends CutClip {
  cameraId: string;
  startMs: number;
  endMs: number;
  exact: boolean;
  gaps: Gap[];
  /** Deletes the clip file (after upload). */
  dispose(): void;
}

/** A snapshot: JPEG bytes with masks applied, and its hash. */
export interface SnapshotResult {
  cameraId: string;
  jpeg: Buffer;
  sha256: string;
  takenAtMs: number;
  masked: boolean;
}

/** What the clip service needs to know about a camera. */
export interface ClipCamera {
  masks: readonly MaskPolygon[];
  resolveSource: () => Promise<DirectSource>;
  /** The segment being recorded now, if any: a 'live' snapshot reads its tail instead of opening the camera. */
  liveSegmentPath?: () => string | null;
}

/** Dependencies of the clip service. */
export interface ClipServiceDeps {
  index: SegmentIndex;
  ffmpegPath: string;
  workDir: string;
  camera: (cameraId: string) => ClipCamera | null;
  clipHoldMs: number;
  clock?: () => number;
}

/** Cuts clips and takes snapshots on request; privacy masks are always applied. */
/**
 * Adds the fMP4 segment still being written when the window reaches past the last closed one, so "the last five
 * minutes up to now" includes the last minute. It covers from its creation (or the last closed segment's end) to one
 * fragment ago; ffmpeg reads the complete fragments written so far.
 */
function withSegmentBeingRecorded(segments: Segment[], cam: ClipCamera, req: { cameraId: string; endMs: number }, nowMs: number): Segment[] {
  const path = cam.liveSegmentPath?.();
  const last = segments[segments.length - 1];
  if (!path || (last && last.endMs >= req.endMs) || segments.some((s) => s.path === path)) return segments;
  let bornMs: number;
  try {
    bornMs = statSync(path).birthtimeMs;
  } catch {
    return segments;
  }
  const startMs = last && Math.abs(last.endMs - bornMs) < 5000 ? last.endMs : bornMs;
  const endMs = nowMs - 1000;
  if (!(bornMs > 0) || endMs <= startMs) return segments;
  return [...segments, { id: -1, cameraId: req.cameraId, path, startMs, endMs, bytes: statSync(path).size }];
}

export function createClipService(d: ClipServiceDeps) {
  const clock = d.clock ?? Date.now;
  mkdirSync(d.workDir, { recursive: true });
  const cameraOrThrow = (id: string) => {
    const cam = d.camera(id);
    if (!cam) throw new DomainError('not_found', 'camera_not_on_edge', `camera ${id} is not recorded by this edge`);
    return cam;
  };
  async function grab(cam: ClipCamera, req: { cameraId: string; from: 'live' | 'recording' }): Promise<{ raw: Buffer; takenAtMs: number }> {
    const latest = d.index.latestSegment(req.cameraId);
    if (req.from === 'recording' && latest) return { raw: await grabJpeg(d.ffmpegPath, { segmentPath: latest.path }), takenAtMs: latest.endMs };
    const current = req.from === 'live' ? cam.liveSegmentPath?.() : null;
    if (current) {
      // About a second behind live (one fragment); far quicker than opening the camera (RTSP probe, keyframe wait).
      try {
        return { raw: await grabJpeg(d.ffmpegPath, { segmentPath: current }), takenAtMs: clock() - 1000 };
      } catch {
        // the segment rolled over or holds no complete fragment yet: ask the camera
      }
    }
    return { raw: await grabJpeg(d.ffmpegPath, { source: await cam.resolveSource() }), takenAtMs: clock() };
  }
  return {
    /** Cuts (camera, start, end); holds the window from retention first so nothing is evicted mid-cut. */
    async cut(req: { requestId: string; cameraId: string; startMs: number; endMs: number; exact: boolean }): Promise<ClipResult> {
      const cam = cameraOrThrow(req.cameraId);
      if (req.endMs <= req.startMs) throw new DomainError('invalid', 'clip_window_empty', 'clip end must be after its start');
      d.index.putHold({ id: `clip:${req.requestId}`, cameraId: req.cameraId, startMs: req.startMs, endMs: req.endMs, reason: `clip request ${req.requestId}`, untilMs: clock() + d.clipHoldMs });
      const segments = withSegmentBeingRecorded(d.index.segmentsBetween(req.cameraId, req.startMs, req.endMs), cam, req, clock());
      const plan = planClip(segments, req.startMs, req.endMs);
      if (!plan) throw new DomainError('not_found', 'no_recording_in_window', 'no recording covers that window');
      const base = join(d.workDir, `clip-${safe(req.requestId)}`);
      const maskPath = cam.masks.length ? `${base}.mask.png` : null;
      if (maskPath) writeFileSync(maskPath, await maskPng(1920, 1080, cam.masks));
      try {
        const clip = await cutClip({ ffmpegPath: d.ffmpegPath, plan, firstSegmentStartMs: segments[0]!.startMs, outPath: `${base}.mp4`, listPath: `${base}.txt`, exact: req.exact, maskPngPath: maskPath });
        const gaps = d.index.gapsBetween(req.cameraId, plan.coveredStartMs, plan.coveredEndMs);
        const dispose = () => rmSync(clip.path, { force: true });
        return { ...clip, cameraId: req.cameraId, startMs: plan.coveredStartMs, endMs: plan.coveredEndMs, exact: req.exact, gaps, dispose };
      } finally {
        rmSync(`${base}.txt`, { force: true });
        if (maskPath) rmSync(maskPath, { force: true });
      }
    },

    /** One JPEG, masks blacked out: live (the tail of the segment being recorded, else the camera) or the latest segment. */
    async snapshot(req: { cameraId: string; from: 'live' | 'recording' }): Promise<SnapshotResult> {
      const cam = cameraOrThrow(req.cameraId);
      const { raw, takenAtMs } = await grab(cam, req);
      const jpeg = await applyMasksToJpeg(raw, cam.masks);
      return { cameraId: req.cameraId, jpeg, sha256: createHash('sha256').update(jpeg).digest('hex'), takenAtMs, masked: cam.masks.length > 0 };
    },
  };
}
/** The clip service's interface. */
export type ClipService = ReturnType<typeof createClipService>;

function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
}
