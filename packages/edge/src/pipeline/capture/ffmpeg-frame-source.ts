import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RgbImage } from './rgb-image.ts';

/** One decoded frame; `image.data` is a shared preallocated buffer, valid only until the next frame is pulled. */
export interface Frame {
  index: number;
  /** Seconds from the start of the source (frame index / fps). */
  t: number;
  image: RgbImage;
}

/** Where and how to decode: a file or stream URL, the sampling rate and an optional output width. */
export interface FfmpegSourceOptions {
  input: string;
  fps: number;
  /** Scale to this width (height keeps the aspect, rounded to even); default: the source size. */
  width?: number;
  ffmpegPath?: string;
  ffprobePath?: string;
  /** Loop a file forever (a file "camera"). */
  loop?: boolean;
  /** Read a file at its own frame rate, as a live camera delivers it (ffmpeg `-re`). */
  realtime?: boolean;
  /** ffmpeg input arguments ending in `-i …` (a camera: RTSP transport, timeouts); replaces `input`, `loop`, `realtime`. */
  inputArgs?: string[];
  /** The source's size when known (skips probing, e.g. for a live stream probed once). */
  size?: { width: number; height: number };
}

/** The ffmpeg arguments that decode `input` to rgb24 at `fps` on one thread. */
export function ffmpegRawArgs(o: FfmpegSourceOptions, width: number, height: number): string[] {
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-threads', '1',
    ...(o.inputArgs ?? [...(o.loop ? ['-stream_loop', '-1'] : []), ...(o.realtime ? ['-re'] : []), '-i', o.input]),
    '-vf', `fps=${o.fps},scale=${width}:${height}`,
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
  ];
}

/** Reads the first video stream's size with ffprobe. */
export async function probeVideoSize(input: string, ffprobePath = '/usr/bin/ffprobe'): Promise<{ width: number; height: number; duration: number }> {
  const { stdout } = await promisify(execFile)(ffprobePath, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', input]);
  const j = JSON.parse(stdout) as { streams?: { width: number; height: number }[]; format?: { duration?: string } };
  const s = j.streams?.[0];
  if (!s) throw new Error(`no video stream in ${input}`);
  return { width: s.width, height: s.height, duration: Number(j.format?.duration ?? 0) };
}

/** Decodes frames with ffmpeg into one preallocated buffer; stdout is only read as fast as frames are consumed. */
export async function* readFrames(o: FfmpegSourceOptions): AsyncGenerator<Frame> {
  const src = o.size ?? (await probeVideoSize(o.input, o.ffprobePath));
  const width = o.width ? o.width - (o.width % 2) : src.width;
  const height = o.width ? Math.round((src.height * width) / src.width / 2) * 2 : src.height;
  const proc = spawn(o.ffmpegPath ?? '/usr/bin/ffmpeg', ffmpegRawArgs(o, width, height), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
  const exited = new Promise<number>((resolve) => proc.on('close', (code) => resolve(code ?? 0)));
  const frameBytes = width * height * 3;
  const buffer = new Uint8Array(frameBytes);
  const image: RgbImage = { data: buffer, width, height };
  let filled = 0;
  let index = 0;
  try {
    for await (const chunk of proc.stdout as AsyncIterable<Buffer>) {
      let off = 0;
      while (off < chunk.length) {
        const n = Math.min(frameBytes - filled, chunk.length - off);
        buffer.set(chunk.subarray(off, off + n), filled);
        filled += n;
        off += n;
        if (filled === frameBytes) {
          filled = 0;
          yield { index, t: index / o.fps, image };
          index++;
        }
      }
    }
    const code = await exited;
    if (code !== 0) throw new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`);
  } finally {
    if (proc.exitCode === null) proc.kill('SIGKILL');
  }
}
