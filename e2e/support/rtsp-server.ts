import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A running GStreamer RTSP server; `stop()` ends it and removes its temp files. */
export interface RtspTestServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Options: `loops` repeats the file (ffmpeg -c copy, no re-encode) so a session plays that many times longer. */
export interface RtspTestServerOptions {
  port?: number;
  path?: string;
  loops?: number;
  shared?: boolean;
  /** Debian's python3 (python3-gi lives there, not in pyenv). */
  python?: string;
}

const SCRIPT = fileURLToPath(new URL('./rtsp-server.py', import.meta.url));
const PYTHON = '/usr/bin/python3';

/** Why the RTSP server cannot run here (missing Debian packages), or null when it can. */
export function rtspServerUnavailable(python = PYTHON): string | null {
  if (!existsSync(python)) return `${python} missing`;
  const probe = spawnSync(python, ['-c', "import gi; gi.require_version('GstRtspServer','1.0'); from gi.repository import GstRtspServer"], { timeout: 10_000 });
  return probe.status === 0
    ? null
    : 'GStreamer RTSP server missing: apt-get install -y gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-tools';
}

/** Starts GStreamer's RTSP server serving `file` (H.264 MP4) at rtsp://127.0.0.1:PORT/cam1; port 0 picks a free one. */
export async function startRtspServer(file: string, opts: RtspTestServerOptions = {}): Promise<RtspTestServer> {
  const tmp = mkdtempSync(join(tmpdir(), 'camnet-rtsp-'));
  const served = opts.loops && opts.loops > 1 ? loopFile(file, opts.loops, tmp) : file;
  const path = opts.path ?? '/cam1';
  const args = [SCRIPT, served, '--port', String(opts.port ?? 0), '--path', path, ...(opts.shared ? ['--shared'] : [])];
  const child = spawn(opts.python ?? PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const port = await readyPort(child.stdout!, child.stderr!, exited);
    return { url: `rtsp://127.0.0.1:${port}${path}`, port, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function readyPort(stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream, exited: Promise<void>): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`RTSP server exited before listening: ${out}${err}`.trim())));
    setTimeout(() => reject(new Error('RTSP server did not start within 10 s')), 10_000).unref();
  });
}

// One longer file of `loops` copies (video only), so each client session plays that much longer.
function loopFile(file: string, loops: number, dir: string): string {
  const out = join(dir, 'looped.mp4');
  const r = spawnSync('ffmpeg', ['-v', 'error', '-stream_loop', String(loops - 1), '-i', file, '-map', '0:v', '-c', 'copy', '-y', out], { timeout: 60_000 });
  if (r.status !== 0) throw new Error(`ffmpeg could not loop ${file}: ${r.stderr?.toString()}`);
  return out;
}
