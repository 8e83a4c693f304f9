import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveFfmpegPath } from '../sources/ffmpeg-binary.ts';
import { createCameraRecorder, type CameraRecorder } from './camera-recorder.ts';
import { spawnSegmenter, type SegmenterProcess } from './ffmpeg-segmenter.ts';
import { createSqliteSegmentIndex } from './sqlite-segment-index.ts';
import type { DirectSource } from '../sources/camera-source.ts';
import type { Gap } from './segment-index.ts';
import type { MaskPolygon } from '../clips/privacy-mask.ts';

const FFMPEG = resolveFfmpegPath();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const until = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** An HTTP MJPEG camera that sends `framesPerConnection` frames at 10 fps, then goes silent without closing. */
async function startStallingMjpegCamera(framesPerConnection: number): Promise<{ url: string; connections: () => number; server: Server }> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3060a0' } }).jpeg().toBuffer();
  let connections = 0;
  const server = createServer((_req, res) => {
    connections++;
    res.writeHead(200, { 'content-type': 'multipart/x-mixed-replace; boundary=frame' });
    let sent = 0;
    const t = setInterval(() => {
      if (sent++ >= framesPerConnection) return clearInterval(t);
      res.write(`--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`);
      res.write(jpeg);
      res.write('\r\n');
    }, 100);
    res.on('close', () => clearInterval(t));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mjpeg`, connections: () => connections, server };
}

function setup(source: DirectSource, opts: { stallMs?: number; segmentSeconds?: number; burnMasks?: MaskPolygon[] } = {}) {
  const gapEvents: Gap[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'camnet-rec-'));
  const index = createSqliteSegmentIndex(new Database(join(dir, 'edge.db')));
  const procs: SegmenterProcess[] = [];
  const recorder: CameraRecorder = createCameraRecorder({
    cameraId: 'cam1', resolveSource: async () => source, index, dir: join(dir, 'cam1'), ffmpegPath: FFMPEG,
    segmentSeconds: opts.segmentSeconds ?? 1, format: 'fmp4', stallMs: opts.stallMs ?? 20_000,
    spawn: (o) => { const p = spawnSegmenter(o); procs.push(p); return p; },
    onGap: (g) => gapEvents.push(g),
    burnMasks: opts.burnMasks,
  });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => recorder.stop());
  return { dir, index, recorder, procs, gapEvents };
}

const GENERATED = 'testsrc2=size=320x240:rate=10';

describe('camera recorder (real ffmpeg)', () => {
  it('records a looping file into indexed fMP4 segments and adopts the last partial segment on stop', async () => {
    const src = join(mkdtempSync(join(tmpdir(), 'camnet-src-')), 'src.mp4');
    const { spawnSync } = await import('node:child_process');
    spawnSync(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', GENERATED, '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '5', '-y', src]);
    const { index, recorder } = setup({ kind: 'file', path: src, loop: true });
    const t0 = Date.now();
    recorder.start();
    await until(() => index.segmentsBetween('cam1', 0, Date.now() + 1).length >= 2, 8000);
    expect(recorder.health()).toMatchObject({ cameraId: 'cam1', online: true, recording: true });
    expect(existsSync(recorder.currentSegmentPath() ?? 'none')).toBe(true);
    await recorder.stop();
    const segs = index.segmentsBetween('cam1', 0, Date.now() + 1);
    expect(segs.length).toBeGreaterThanOrEqual(3);
    for (const s of segs) {
      expect(existsSync(s.path)).toBe(true);
      expect(s.bytes).toBeGreaterThan(1000);
      expect(s.startMs).toBeGreaterThanOrEqual(t0 - 1500);
      expect(s.endMs).toBeGreaterThan(s.startMs);
    }
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.startMs).toBeGreaterThanOrEqual(segs[i - 1]!.endMs);
    expect(index.openGapOf('cam1')?.cause).toBe('edge_stopped');
    rmSync(src, { force: true });
  });

  it('burns privacy masks into the recording when the camera’s mask mode is burn', async () => {
    const src = join(mkdtempSync(join(tmpdir(), 'camnet-src-')), 'white.mp4');
    const { spawnSync } = await import('node:child_process');
    spawnSync(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=white:size=320x240:rate=10', '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '5', '-y', src]);
    const { index, recorder } = setup({ kind: 'file', path: src, loop: true }, { burnMasks: [[[0, 0], [0.5, 0], [0.5, 0.5], [0, 0.5]]] });
    recorder.start();
    await until(() => index.segmentsBetween('cam1', 0, Date.now() + 1).length >= 1, 10_000);
    const seg = index.segmentsBetween('cam1', 0, Date.now() + 1)[0]!;
    const grey = (x: number, y: number) =>
      spawnSync(FFMPEG, ['-v', 'error', '-sseof', '-0.3', '-i', seg.path, '-frames:v', '1', '-vf', `crop=2:2:${x}:${y}`, '-f', 'rawvideo', '-pix_fmt', 'gray', '-']).stdout[0];
    expect(grey(40, 40)).toBeLessThan(30);
    expect(grey(280, 200)).toBeGreaterThan(200);
    rmSync(src, { force: true });
  });

  it('restarts ffmpeg after a crash and records the gap with its cause', async () => {
    const cam = await startStallingMjpegCamera(1_000_000);
    cleanups.push(() => void cam.server.close());
    const { index, recorder, procs, gapEvents } = setup({ kind: 'mjpeg', url: cam.url });
    recorder.start();
    await until(() => recorder.health().online, 15_000);
    process.kill(procs[0]!.pid!, 'SIGKILL');
    await until(() => procs.length === 2 && recorder.health().online, 15_000);
    const [gap] = index.gapsBetween('cam1', 0, Date.now() + 1);
    expect(gap?.cause).toMatch(/^ffmpeg_exited signal=SIGKILL/);
    expect(gap?.endMs).not.toBeNull();
    expect(gapEvents.map((g) => [g.id, g.endMs === null])).toEqual([[gap!.id, true], [gap!.id, false]]); // reported open, then closed
  });

  it('watchdog kills a stalled ffmpeg and restarts it; the gap says "stalled"', async () => {
    const cam = await startStallingMjpegCamera(10); // 1 s of video per connection, then silence
    cleanups.push(() => void cam.server.close());
    const { index, recorder } = setup({ kind: 'mjpeg', url: cam.url }, { stallMs: 1500 });
    recorder.start();
    await until(() => cam.connections() >= 2, 8000);
    const gaps = index.gapsBetween('cam1', 0, Date.now() + 1);
    expect(gaps[0]?.cause).toBe('stalled');
    await until(() => index.gapsBetween('cam1', 0, Date.now() + 1)[0]?.endMs != null, 3000);
  });

  it('records a gap "stream_unreachable" when nothing answers', async () => {
    const { index, recorder } = setup({ kind: 'rtsp', url: 'rtsp://127.0.0.1:1/none', transport: 'tcp' });
    recorder.start();
    await until(() => index.openGapOf('cam1') !== null, 5000);
    expect(index.openGapOf('cam1')?.cause).toMatch(/^stream_unreachable/);
    expect(recorder.health().online).toBe(false);
  });
});
