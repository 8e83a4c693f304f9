import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteSegmentIndex } from '../recording/sqlite-segment-index.ts';
import { resolveFfmpegPath } from '../sources/ffmpeg-binary.ts';
import { createClipService, type ClipService } from './clip-service.ts';
import type { MaskPolygon } from './privacy-mask.ts';

const FFMPEG = resolveFfmpegPath();
const T0 = Date.UTC(2026, 10, 22, 10);
const MASK: MaskPolygon = [[0, 0], [0.5, 0], [0.5, 0.5], [0, 0.5]]; // top-left quarter

const duration = (path: string) =>
  Number(spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]).stdout.toString());
const pixel = async (jpeg: Buffer, fx: number, fy: number) => {
  const img = sharp(jpeg);
  const { width, height } = await img.metadata();
  const { data } = await img.extract({ left: Math.floor(width! * fx), top: Math.floor(height! * fy), width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
  return [...data.subarray(0, 3)];
};
const lastFrame = (path: string) =>
  spawnSync(FFMPEG, ['-v', 'error', '-sseof', '-0.2', '-i', path, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1']).stdout;
const firstFrame = (path: string) =>
  spawnSync(FFMPEG, ['-v', 'error', '-i', path, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1']).stdout;

describe('clip service (real ffmpeg, real SQLite)', () => {
  let dir: string;
  let clips: ClipService;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'camnet-clip-'));
    // Three 2-s segments of a bright test pattern, 10 fps, a keyframe every second.
    const segDir = join(dir, 'cam1');
    spawnSync('mkdir', ['-p', segDir]);
    const r = spawnSync(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=white:size=320x240:rate=10,drawgrid=w=40:h=40:c=red', '-t', '6', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-pix_fmt', 'yuv420p',
      '-f', 'segment', '-segment_time', '2', '-reset_timestamps', '1', '-segment_format', 'mp4', join(segDir, 's-%03d.mp4')]);
    expect(r.status).toBe(0);
    const index = createSqliteSegmentIndex(new Database(':memory:'));
    readdirSync(segDir).sort().forEach((name, i) => {
      for (const cameraId of ['cam1', 'masked']) {
        const path = join(dir, `${cameraId}-${name}`);
        copyFileSync(join(segDir, name), path);
        index.addSegment({ cameraId, path, startMs: T0 + i * 2000, endMs: T0 + (i + 1) * 2000, bytes: statSync(path).size });
      }
    });
    const cams: Record<string, MaskPolygon[]> = { cam1: [], masked: [MASK] };
    clips = createClipService({
      index, ffmpegPath: FFMPEG, workDir: join(dir, 'work'), clipHoldMs: 3_600_000,
      camera: (id) => (id in cams ? { masks: cams[id]!, resolveSource: async () => ({ kind: 'file', path: join(segDir, 's-000.mp4'), loop: false }) } : null),
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a clip across segments and hashes exactly the bytes on disk', async () => {
    const clip = await clips.cut({ requestId: 'r1', cameraId: 'cam1', startMs: T0 + 1000, endMs: T0 + 4500, exact: false });
    expect(clip.sha256).toBe(createHash('sha256').update(readFileSync(clip.path)).digest('hex'));
    expect(clip.bytes).toBe(statSync(clip.path).size);
    expect([clip.startMs, clip.endMs]).toEqual([T0 + 1000, T0 + 4500]);
    expect(duration(clip.path)).toBeGreaterThanOrEqual(3.4);
    expect(duration(clip.path)).toBeLessThanOrEqual(4.6); // may start at the keyframe before
    clip.dispose();
  });

  it('cuts frame-exact when asked', async () => {
    const clip = await clips.cut({ requestId: 'r2', cameraId: 'cam1', startMs: T0 + 1300, endMs: T0 + 4700, exact: true });
    expect(Math.abs(duration(clip.path) - 3.4)).toBeLessThan(0.15);
    clip.dispose();
  });

  it('burns the privacy mask into clips', async () => {
    const clip = await clips.cut({ requestId: 'r3', cameraId: 'masked', startMs: T0, endMs: T0 + 2000, exact: false });
    for (const frame of [firstFrame(clip.path), lastFrame(clip.path)]) {
      expect(Math.max(...(await pixel(frame, 0.2, 0.2)))).toBeLessThan(30);
      expect(Math.min(...(await pixel(frame, 0.8, 0.8)))).toBeGreaterThan(150);
    }
    expect(duration(clip.path)).toBeGreaterThan(1.8);
    clip.dispose();
  });

  it('takes masked snapshots from the latest segment and from the live source', async () => {
    for (const from of ['recording', 'live'] as const) {
      const snap = await clips.snapshot({ cameraId: 'masked', from });
      expect(snap.masked).toBe(true);
      expect(Math.max(...(await pixel(snap.jpeg, 0.1, 0.1)))).toBeLessThan(30);
      expect(Math.min(...(await pixel(snap.jpeg, 0.82, 0.9)))).toBeGreaterThan(150);
      expect(snap.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses unknown cameras and windows without recording, with stable ids', async () => {
    await expect(clips.cut({ requestId: 'r4', cameraId: 'nope', startMs: T0, endMs: T0 + 1, exact: false })).rejects.toMatchObject({ id: 'camera_not_on_edge' });
    await expect(clips.cut({ requestId: 'r5', cameraId: 'cam1', startMs: T0 + 60_000, endMs: T0 + 61_000, exact: false })).rejects.toMatchObject({ id: 'no_recording_in_window' });
  });
});

describe('clip service: the segment still being recorded', () => {
  it('includes the fMP4 segment being written, so a window up to now covers the last minute', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'camnet-clip-live-'));
    try {
      const live = join(dir, 'live.mp4');
      // An fMP4 file as the recorder writes it (fragments every second); its creation time is "now".
      const r = spawnSync(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=10', '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10',
        '-pix_fmt', 'yuv420p', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', live]);
      expect(r.status).toBe(0);
      const born = statSync(live).birthtimeMs;
      const now = born + 4000;
      const service = createClipService({
        index: createSqliteSegmentIndex(new Database(':memory:')), ffmpegPath: FFMPEG, workDir: join(dir, 'work'), clipHoldMs: 60_000, clock: () => now,
        camera: () => ({ masks: [], resolveSource: async () => ({ kind: 'file', path: live, loop: false }), liveSegmentPath: () => live }),
      });
      const clip = await service.cut({ requestId: 'live1', cameraId: 'cam', startMs: born - 60_000, endMs: now, exact: false });
      expect(clip.startMs).toBe(born);
      expect(clip.endMs).toBe(now - 1000);
      expect(duration(clip.path)).toBeGreaterThanOrEqual(2.5);
      clip.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
