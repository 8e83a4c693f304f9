import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DirectSource } from '../sources/camera-source.ts';
import { ffmpegInputArgs } from '../sources/ffmpeg-input-args.ts';
import type { CaptureClock, ClockedCamera, ClockedCameraStats } from './capture/capture-clock.ts';
import { readFrames, type Frame } from './capture/ffmpeg-frame-source.ts';
import type { ObjectDetector } from './detection/object-detector.ts';
import type { EventSink } from './events/event-sink.ts';
import { createExposureCheck } from './plates/exposure-check.ts';
import type { PlateReader } from './plates/plate-reader.ts';
import { createVehiclePipeline, type PipelineStats } from './vehicle-pipeline.ts';

/** A camera the edge describes vehicles for: its id, where its video comes from now, and which way it looks. */
export interface VisionCamera {
  id: string;
  source: () => Promise<DirectSource>;
  headingDeg?: number | null;
}

/** The models and the event sink, shared by every camera of an edge. */
export interface CameraVisionDeps {
  detector: ObjectDetector;
  plates: PlateReader | null;
  sink: EventSink;
  ffmpegPath: string;
  ffprobePath?: string;
  log: (msg: string, extra?: Record<string, unknown>) => void;
  /**
   * The capture clock shared by the edge's cameras (it runs the detector for all of them on one tick, two cameras per
   * mosaic run); without it each camera runs the detector itself on every 2nd moving frame, skipping frames while busy.
   */
  clock?: CaptureClock;
}

/** A running camera: its pipeline's figures so far (and its frames on the capture clock), and a clean stop (open tracks become events). */
export interface CameraVision {
  stats(): (PipelineStats & { clock?: ClockedCameraStats }) | null;
  stop(): Promise<void>;
}

const RETRY_MS = 5000;

/** The stream's size, probed with the same input arguments the decoder will use (RTSP transport, timeouts). */
async function probeSize(args: string[], ffprobePath: string): Promise<{ width: number; height: number }> {
  const input = args.filter((a, i) => a !== '-re' && a !== '-stream_loop' && args[i - 1] !== '-stream_loop');
  const { stdout } = await promisify(execFile)(ffprobePath, ['-v', 'error', ...input, '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'json'], { timeout: 20_000 });
  const s = (JSON.parse(stdout) as { streams?: { width: number; height: number }[] }).streams?.[0];
  if (!s) throw new Error('no video stream');
  return s;
}

/**
 * Decodes a live camera at `fps` and runs the vehicle pipeline on it without ever holding the stream up: on the
 * shared capture clock (only the newest frame is kept; the clock takes it on its tick) or, without one, in live mode
 * (a frame that arrives while the previous one is analysed is skipped). Nothing queues. When the stream ends or fails
 * it starts again after 5 s.
 */
export function startCameraVision(cam: VisionCamera, deps: CameraVisionDeps, opts: { fps: number; width: number }): CameraVision {
  let stopped = false;
  let pipeline: ReturnType<typeof createVehiclePipeline> | null = null;
  let frames: AsyncGenerator<Frame> | null = null;
  let clocked: ClockedCamera | null = null;
  // One picture check per camera, not per connection: a stream that drops and reconnects keeps its recent plates.
  const exposureCheck = createExposureCheck();
  const leaveClock = async () => {
    const c = clocked;
    clocked = null;
    await c?.remove();
  };
  const run = async () => {
    while (!stopped) {
      try {
        const source = await cam.source();
        const input = ffmpegInputArgs(source);
        if (input.feedsStdin) throw new Error('snapshot-only cameras are recorded but not described (no continuous video)');
        const size = await probeSize(input.args, deps.ffprobePath ?? '/usr/bin/ffprobe');
        // On the clock the tick paces the detector, so the gate passes every moving frame.
        const p = createVehiclePipeline({ detector: deps.detector, plates: deps.plates, sink: deps.sink }, { cameraId: cam.id, streamStart: new Date(), cameraHeadingDeg: cam.headingDeg ?? null, live: true, detectEvery: deps.clock ? 1 : 2, exposureCheck });
        pipeline = p;
        clocked = deps.clock?.add(cam.id, p) ?? null;
        frames = readFrames({ input: '', inputArgs: input.args, size, fps: opts.fps, width: Math.min(opts.width, size.width), ffmpegPath: deps.ffmpegPath });
        for await (const frame of frames) {
          if (stopped) break;
          if (clocked) clocked.offer(frame);
          else await p.process(frame);
        }
        await leaveClock();
        await p.finish();
      } catch (e) {
        await leaveClock().catch(() => undefined);
        if (!stopped) deps.log('vision stopped; retrying', { cameraId: cam.id, error: (e as Error).message });
      }
      if (!stopped) await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  };
  const done = run();
  return {
    stats: () => (pipeline ? { ...pipeline.stats, ...(clocked ? { clock: clocked.stats } : {}) } : null),
    async stop() {
      stopped = true;
      await frames?.return(undefined);
      await done;
    },
  };
}
