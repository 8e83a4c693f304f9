import type { DirectSource } from '../sources/camera-source.ts';
import { ffmpegInputArgs } from '../sources/ffmpeg-input-args.ts';
import { runFfmpeg } from './ffmpeg-clip-cutter.ts';

const JPEG_OUT = ['-frames:v', '1', '-an', '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2pipe', 'pipe:1'];

/** ffmpeg arguments that grab one JPEG: the last second of a recorded segment, or the first frame of a live source. */
export function snapshotArgs(from: { segmentPath: string } | { source: DirectSource }): string[] {
  const head = ['-hide_banner', '-nostdin', '-loglevel', 'error'];
  if ('segmentPath' in from) return [...head, '-sseof', '-1', '-i', from.segmentPath, ...JPEG_OUT];
  const src = from.source;
  // A file source is read straight, not in real time (-re) and not looped: its first frame is enough.
  const input = src.kind === 'file' ? ['-i', src.path] : ffmpegInputArgs(src).args;
  return [...head, ...input, ...JPEG_OUT];
}

/** One JPEG from a segment or a live source (a polled-snapshot camera is fetched directly). */
export async function grabJpeg(ffmpegPath: string, from: { segmentPath: string } | { source: DirectSource }, fetchImpl: typeof fetch = fetch): Promise<Buffer> {
  if ('source' in from && from.source.kind === 'snapshot') {
    const res = await fetchImpl(from.source.url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`snapshot camera answered HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
  const chunks: Buffer[] = [];
  await runFfmpeg(ffmpegPath, snapshotArgs(from), (c) => chunks.push(c));
  const jpeg = Buffer.concat(chunks);
  if (jpeg.length === 0) throw new Error('ffmpeg produced no frame');
  return jpeg;
}
