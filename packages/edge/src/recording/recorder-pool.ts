import type { CameraSource } from '../sources/camera-source.ts';
import type { CameraRecorder } from './camera-recorder.ts';

/** What decides whether a camera's recorder must restart: its source, burned masks, and whether it records. */
export interface PooledCamera {
  id: string;
  source: CameraSource;
  record: boolean;
  /** Masks burned into the recording (mask mode `burn`), else empty. */
  burnMasks?: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

/** One recorder per recording camera; `apply` reconciles with a new camera list (the hub's registry changed). */
export interface RecorderPool {
  apply(cameras: readonly PooledCamera[]): Promise<void>;
  get(cameraId: string): CameraRecorder | undefined;
  all(): CameraRecorder[];
  stopAll(): Promise<void>;
}

/** Creates an empty pool; `make` builds (does not start) the recorder for a camera. */
export function createRecorderPool(make: (camera: PooledCamera) => CameraRecorder): RecorderPool {
  const running = new Map<string, { key: string; recorder: CameraRecorder }>();
  // Reconciliations run one after another, so two quick registry changes cannot interleave.
  let chain = Promise.resolve();
  const reconcile = async (cameras: readonly PooledCamera[]) => {
    const wanted = new Map(cameras.filter((c) => c.record).map((c) => [c.id, { camera: c, key: JSON.stringify([c.source, c.burnMasks ?? []]) }]));
    const stale = [...running].filter(([id, r]) => wanted.get(id)?.key !== r.key);
    await Promise.all(stale.map(([, r]) => r.recorder.stop()));
    stale.forEach(([id]) => running.delete(id));
    for (const [id, w] of wanted) {
      if (running.has(id)) continue;
      const recorder = make(w.camera);
      running.set(id, { key: w.key, recorder });
      recorder.start();
    }
  };
  return {
    apply: (cameras) => (chain = chain.then(() => reconcile(cameras))),
    get: (id) => running.get(id)?.recorder,
    all: () => [...running.values()].map((r) => r.recorder),
    stopAll: () => (chain = chain.then(() => reconcile([]))),
  };
}
