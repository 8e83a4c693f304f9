import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resizeRgb, type Rect, type RgbImage } from '../capture/rgb-image.ts';
import { CENTERNET_SIZE, loadCenterNet, runCenterNet, type RawDetection } from './centernet-tfjs.ts';
import type { CenterNetRequest } from './centernet-worker.ts';
import type { Detection, ObjectDetector } from './object-detector.ts';

/** Options of the CenterNet detector; scores are CenterNet's own (0..1). */
export interface CenterNetDetectorOptions {
  /** worker_threads workers (each ~250 MB, one core); 0 runs in the calling thread. */
  workers?: number;
  vehicleMinScore?: number;
  /** Persons score lower in CenterNet; the tracker confirms them. */
  personMinScore?: number;
}

/** ObjectDetector on COCO CenterNet from @vladmandic/human (TF.js graph, wasm SIMD backend), in workers by default. */
export async function createCenterNetDetector(opts: CenterNetDetectorOptions = {}): Promise<ObjectDetector> {
  const vehicleMin = opts.vehicleMinScore ?? 0.3;
  const personMin = opts.personMinScore ?? 0.25;
  const floor = Math.min(vehicleMin, personMin);
  const toDetections = (raw: RawDetection[], frame: RgbImage): Detection[] => {
    const sx = frame.width / CENTERNET_SIZE;
    const sy = frame.height / CENTERNET_SIZE;
    return raw
      .filter((d) => d.score >= (d.cls === 'person' ? personMin : vehicleMin))
      .map((d) => ({ cls: d.cls, score: d.score, box: [d.x1 * sx, d.y1 * sy, (d.x2 - d.x1) * sx, (d.y2 - d.y1) * sy] as Rect }));
  };
  if ((opts.workers ?? 1) === 0) {
    const model = await loadCenterNet();
    return {
      async detect(frame) {
        const img = resizeRgb(frame, CENTERNET_SIZE, CENTERNET_SIZE);
        return toDetections(await runCenterNet(model, img.data, floor), frame);
      },
      async close() { model.dispose(); },
    };
  }
  const pool = new WorkerPool(opts.workers ?? 1);
  return {
    async detect(frame) {
      return toDetections(await pool.run(frame, floor), frame);
    },
    close: () => pool.close(),
  };
}

// The worker is TypeScript like the rest of camnet: load it through tsx's API (resolved from here, not the cwd).
const WORKER_BOOTSTRAP = `import(${JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href)})
  .then(({ tsImport }) => tsImport(${JSON.stringify(new URL('./centernet-worker.ts', import.meta.url).href)}, ${JSON.stringify(import.meta.url)}))
  .catch((err) => { console.error(err); process.exit(1); });`;

type Pending = { resolve: (d: RawDetection[]) => void; reject: (e: Error) => void };

/** Round-robins requests over workers, least-busy first; each worker answers in order. */
class WorkerPool {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_BOOTSTRAP, { eval: true });
      const slot = { worker, busy: 0 };
      worker.on('message', (msg: { id: number; detections?: RawDetection[]; error?: string }) => {
        slot.busy--;
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(msg.error));
        else p?.resolve(msg.detections ?? []);
      });
      worker.on('error', (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      this.workers.push(slot);
    }
  }

  run(frame: RgbImage, minScore: number): Promise<RawDetection[]> {
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    const data = frame.data.slice();
    const req: CenterNetRequest = { id, data, width: frame.width, height: frame.height, minScore };
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.worker.postMessage(req, [data.buffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
