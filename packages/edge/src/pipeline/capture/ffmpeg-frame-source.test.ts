import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ffmpegRawArgs, readFrames } from './ffmpeg-frame-source.ts';

const hasFfmpeg = existsSync('/usr/bin/ffmpeg') && existsSync('/usr/bin/ffprobe');
const dir = mkdtempSync(join(tmpdir(), 'camnet-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ffmpeg frame source', () => {
  it('builds single-threaded rgb24 arguments', () => {
    const args = ffmpegRawArgs({ input: 'in.mp4', fps: 5 }, 320, 180);
    expect(args).toEqual(expect.arrayContaining(['-threads', '1', '-pix_fmt', 'rgb24', 'fps=5,scale=320:180']));
  });
  it.skipIf(!hasFfmpeg)('decodes a 2 s clip at 5 fps into one reused buffer', async () => {
    const clip = join(dir, 'clip.mp4');
    execFileSync('/usr/bin/ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=2', '-pix_fmt', 'yuv420p', clip]);
    const buffers = new Set<Uint8Array>();
    let n = 0;
    let last = -1;
    for await (const f of readFrames({ input: clip, fps: 5, width: 80 })) {
      expect([f.image.width, f.image.height]).toEqual([80, 60]);
      expect(f.t).toBeGreaterThan(last);
      last = f.t;
      buffers.add(f.image.data);
      n++;
    }
    expect(n).toBe(10);
    expect(buffers.size).toBe(1);
  });
});
