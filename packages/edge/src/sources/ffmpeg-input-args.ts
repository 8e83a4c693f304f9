import type { DirectSource } from './camera-source.ts';

/** How ffmpeg reads a source: its input arguments, and whether the edge must feed JPEGs on stdin. */
export interface FfmpegInput {
  args: string[];
  /** True for polled snapshot sources: the caller writes each fetched JPEG to ffmpeg's stdin. */
  feedsStdin: boolean;
}

// Give up on a silent network input after this long so the watchdog sees an exit, not a hang.
const NETWORK_TIMEOUT_US = String(10_000_000);

/** ffmpeg input arguments (everything up to and including `-i …`) for a camera source. */
export function ffmpegInputArgs(source: DirectSource): FfmpegInput {
  switch (source.kind) {
    case 'rtsp':
      return {
        // 1 s of probing (default 5 s) is enough for H.264/H.265 and makes (re)starts quicker.
        args: ['-rtsp_transport', source.transport, '-timeout', NETWORK_TIMEOUT_US, '-analyzeduration', '1000000', '-i', source.url],
        feedsStdin: false,
      };
    case 'mjpeg':
      // MJPEG over HTTP carries no timestamps: stamp frames with the wall clock on arrival.
      return {
        args: ['-use_wallclock_as_timestamps', '1', '-rw_timeout', NETWORK_TIMEOUT_US, '-f', 'mjpeg', '-i', source.url],
        feedsStdin: false,
      };
    case 'snapshot':
      // The mjpeg demuxer hands each JPEG on as it arrives (image2pipe waits for a full buffer); tiny probe: start at once.
      return {
        args: ['-use_wallclock_as_timestamps', '1', '-probesize', '32', '-analyzeduration', '0', '-f', 'mjpeg', '-i', 'pipe:0'],
        feedsStdin: true,
      };
    case 'file':
      // -re: play at the file's own rate so a file behaves like a live camera.
      return { args: [...(source.loop ? ['-stream_loop', '-1'] : []), '-re', '-i', source.path], feedsStdin: false };
  }
}
