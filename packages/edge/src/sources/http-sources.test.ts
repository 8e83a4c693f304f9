import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCameraRecorder } from '../recording/camera-recorder.ts';
import { createSqliteSegmentIndex } from '../recording/sqlite-segment-index.ts';
import type { DirectSource } from './camera-source.ts';
import { resolveFfmpegPath } from './ffmpeg-binary.ts';
import { ffmpegInputArgs } from './ffmpeg-input-args.ts';
import { resolveSource } from './resolve-source.ts';

const until = async (cond: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !cond(); await new Promise((r) => setTimeout(r, 100))) if (Date.now() > end) throw new Error('timed out');
};

describe('ffmpegInputArgs', () => {
  it('builds the input for each kind of source', () => {
    expect(ffmpegInputArgs({ kind: 'rtsp', url: 'rtsp://h/s', transport: 'udp' }).args).toEqual(['-rtsp_transport', 'udp', '-timeout', '10000000', '-analyzeduration', '1000000', '-i', 'rtsp://h/s']);
    expect(ffmpegInputArgs({ kind: 'file', path: '/v.mp4', loop: true }).args).toEqual(['-stream_loop', '-1', '-re', '-i', '/v.mp4']);
    expect(ffmpegInputArgs({ kind: 'mjpeg', url: 'http://h/m' }).args).toContain('-use_wallclock_as_timestamps');
    expect(ffmpegInputArgs({ kind: 'snapshot', url: 'http://h/s.jpg', intervalMs: 500 })).toMatchObject({ feedsStdin: true });
  });
});

describe('HTTP cameras recorded with real ffmpeg', () => {
  let server: Server;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    const jpeg = await sharp({ create: { width: 160, height: 120, channels: 3, background: '#208040' } }).jpeg().toBuffer();
    server = createServer((req, res) => {
      if (req.url === '/snapshot.jpg') return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
      res.writeHead(200, { 'content-type': 'multipart/x-mixed-replace; boundary=b' });
      const t = setInterval(() => res.write(Buffer.concat([Buffer.from(`--b\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`), jpeg, Buffer.from('\r\n')])), 100);
      res.on('close', () => clearInterval(t));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'camnet-http-'));
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: Array<[string, DirectSource]> = [
    ['MJPEG stream', { kind: 'mjpeg', url: '' }],
    ['polled JPEG snapshots', { kind: 'snapshot', url: '', intervalMs: 200 }],
  ];
  it('tells an MJPEG stream from a snapshot URL by its Content-Type', async () => {
    expect(await resolveSource({ kind: 'http', url: `${base}/stream.mjpeg` })).toEqual({ kind: 'mjpeg', url: `${base}/stream.mjpeg` });
    expect(await resolveSource({ kind: 'http', url: `${base}/snapshot.jpg` })).toEqual({ kind: 'snapshot', url: `${base}/snapshot.jpg`, intervalMs: 1000 });
  });

  for (const [name, template] of cases) {
    it(`records ${name} into playable segments`, async () => {
      const source = { ...template, url: template.kind === 'snapshot' ? `${base}/snapshot.jpg` : `${base}/stream.mjpeg` } as DirectSource;
      const index = createSqliteSegmentIndex(new Database(':memory:'));
      const recorder = createCameraRecorder({
        cameraId: 'c', resolveSource: async () => source, index, dir: join(dir, template.kind), ffmpegPath: resolveFfmpegPath(),
        segmentSeconds: 1, format: 'fmp4', stallMs: 10_000,
      });
      recorder.start();
      try {
        await until(() => index.segmentsBetween('c', 0, Date.now() + 1).length >= 1, 8000);
      } finally {
        await recorder.stop();
      }
      const seg = index.segmentsBetween('c', 0, Date.now() + 1)[0]!;
      const probe = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', seg.path]);
      expect(probe.stdout.toString().trim()).toBe('mjpeg,160,120');
    });
  }
});
