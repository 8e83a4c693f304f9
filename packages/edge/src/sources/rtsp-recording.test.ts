import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rtspServerUnavailable, startRtspServer, type RtspTestServer } from '../../../../e2e/support/rtsp-server.ts';
import { createCameraRecorder } from '../recording/camera-recorder.ts';
import { createSqliteSegmentIndex } from '../recording/sqlite-segment-index.ts';
import { resolveFfmpegPath } from './ffmpeg-binary.ts';

const VIDEO = fileURLToPath(new URL('../../../../../shared/data/video/car-detection.mp4', import.meta.url));
const skipReason = !existsSync(VIDEO) ? `test data absent (${VIDEO}): see ../shared/data/README.md` : rtspServerUnavailable();
if (skipReason) console.warn(`skipping RTSP recording tests: ${skipReason}`);

const until = async (cond: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !cond(); await new Promise((r) => setTimeout(r, 100))) if (Date.now() > end) throw new Error('timed out');
};

describe.skipIf(skipReason !== null)('recording from a real RTSP server (GStreamer) with real ffmpeg', () => {
  let server: RtspTestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startRtspServer(VIDEO);
    dir = mkdtempSync(join(tmpdir(), 'camnet-rtsp-rec-'));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const transport of ['tcp', 'udp'] as const) {
    it(`records over ${transport.toUpperCase()} into playable segments`, async () => {
      const index = createSqliteSegmentIndex(new Database(join(dir, `${transport}.db`)));
      const recorder = createCameraRecorder({
        cameraId: `cam-${transport}`, resolveSource: async () => ({ kind: 'rtsp', url: server.url, transport }), index,
        dir: join(dir, transport), ffmpegPath: resolveFfmpegPath(), segmentSeconds: 2, format: 'fmp4', stallMs: 10_000,
      });
      recorder.start();
      try {
        await until(() => recorder.health().online, 10_000);
        await new Promise((r) => setTimeout(r, 1000)); // stop adopts the fMP4 segment in progress
      } finally {
        await recorder.stop();
      }
      const segs = index.segmentsBetween(`cam-${transport}`, 0, Date.now() + 1);
      const probe = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', segs[0]!.path]);
      expect(probe.stdout.toString().trim()).toBe('h264,768,432');
      expect(segs.reduce((n, s) => n + s.bytes, 0)).toBeGreaterThan(50_000);
    });
  }
});
