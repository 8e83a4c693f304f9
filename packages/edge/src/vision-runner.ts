import type { Logger } from 'pino';
import type { EdgeCamera, EdgeConfig } from './config.ts';
import type { CameraVision, startCameraVision } from './pipeline/camera-runner.ts';
import type { CaptureClock } from './pipeline/capture/capture-clock.ts';
import type { ObjectDetector } from './pipeline/detection/object-detector.ts';
import type { PlateReader } from './pipeline/plates/plate-reader.ts';
import type { EventSink } from './pipeline/events/event-sink.ts';
import { resolveSource } from './sources/resolve-source.ts';

/**
 * Keeps one vision pipeline per camera with continuous video, in step with the camera list. The models load on
 * the first camera (seconds, a few hundred MB) and are shared by all; the pipeline modules load only then, so an
 * edge with vision off never loads TF.js or ONNX.
 */
export function createVisionRunner(config: EdgeConfig, sink: EventSink, ffmpegPath: string, log: Logger) {
  const running = new Map<string, { camera: EdgeCamera; vision: CameraVision }>();
  // Type-only imports above are erased: the modules themselves load on the first camera, below.
  let models: Promise<{ start: typeof startCameraVision; detector: ObjectDetector; plates: PlateReader | null; clock: CaptureClock }> | null = null;
  const load = (cameraCount: number) => (models ??= (async () => {
    const [{ startCameraVision }, { createDetector }, { PaddleOnnxPlateReader }, { createCaptureClock }] = await Promise.all([
      import('./pipeline/camera-runner.ts'), import('./pipeline/detection/create-detector.ts'), import('./pipeline/plates/paddle-onnx-plate-reader.ts'),
      import('./pipeline/capture/capture-clock.ts'),
    ]);
    // One detector for the whole edge; with two or more cameras CenterNet looks at two frames per run.
    const detector = await createDetector({ ...config.detector, cameras: cameraCount });
    const plates = config.vision.plates ? await PaddleOnnxPlateReader.load() : null;
    // One capture clock for all cameras: 3 times a second (the detector budget of two cores; at most once per decoded
    // frame) it takes each camera's newest frame and detects them together, so unsynchronised cameras share a mosaic run.
    // On traffic-street.mp4 ×2 a 333 ms tick counted 26–29 of 29 per camera, a 400 ms tick 24–29 (docs/vision.md).
    const clock = createCaptureClock(detector, { tickMs: Math.max(1000 / 3, 1000 / config.vision.fps) });
    clock.start();
    log.info({ detector: config.detector.kind, plates: !!plates }, 'vision models loaded');
    return { start: startCameraVision, detector, plates, clock };
  })());

  async function startOne(camera: EdgeCamera, cameraCount: number): Promise<void> {
    const m = await load(cameraCount);
    const vision = m.start(
      { id: camera.id, source: () => resolveSource(camera.source) },
      { detector: m.detector, plates: m.plates, sink, ffmpegPath, clock: m.clock, log: (msg, extra) => log.warn(extra ?? {}, msg) },
      { fps: config.vision.fps, width: config.vision.width },
    );
    running.set(camera.id, { camera, vision });
  }

  return {
    /** Starts pipelines for new cameras, restarts changed ones, stops removed ones. */
    async apply(cameras: EdgeCamera[]): Promise<void> {
      if (!config.vision.enabled) return;
      const wanted = new Map(cameras.filter((c) => c.source.kind !== 'snapshot').map((c) => [c.id, c]));
      for (const [id, r] of running) {
        const next = wanted.get(id);
        if (!next || JSON.stringify(next.source) !== JSON.stringify(r.camera.source)) {
          running.delete(id);
          await r.vision.stop();
        }
      }
      for (const [id, camera] of wanted) {
        if (!running.has(id)) await startOne(camera, wanted.size).catch((e: Error) => log.error({ cameraId: id, error: e.message }, 'vision could not start'));
      }
    },
    stats: () => Object.fromEntries([...running].map(([id, r]) => [id, r.vision.stats()])),
    async stop(): Promise<void> {
      await Promise.all([...running.values()].map((r) => r.vision.stop()));
      running.clear();
      const m = await models?.catch(() => null);
      await m?.clock.stop();
      await m?.detector.close();
    },
  };
}
