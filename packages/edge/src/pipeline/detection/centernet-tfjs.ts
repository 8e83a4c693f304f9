import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadCenterNetArtifacts, locateHumanModelsDir, type ReadModelFile } from './centernet-model-files.ts';
import type { DetectedClass } from './object-detector.ts';

/** CenterNet's input side; frames are resized to this square before inference. */
export const CENTERNET_SIZE = 512;

// COCO-80 indices (0-based, as the model emits them) of the classes we keep.
const CLASS_BY_INDEX: Record<number, DetectedClass> = { 0: 'person', 1: 'bicycle', 2: 'car', 3: 'motorcycle', 5: 'bus', 7: 'truck' };

/** A raw detection in the 512x512 input space: [x1, y1, x2, y2], score, class. */
export interface RawDetection {
  x1: number; y1: number; x2: number; y2: number;
  score: number;
  cls: DetectedClass;
}

let backendReady: Promise<void> | null = null;

/** Starts tfjs on the single-threaded SIMD wasm backend, reading the .wasm files from the installed package. */
export function initWasmBackend(): Promise<void> {
  backendReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    // Plain path + no platform fetch: emscripten then reads the .wasm with fs (Node's fetch has no file: URLs).
    setWasmPaths(join(dist, '/'), false);
    // Threaded wasm starts pthread workers from blob: URLs, which Node refuses; parallelism comes from worker_threads.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await tf.setBackend('wasm');
    await tf.ready();
  })();
  return backendReady;
}

/** Loads CenterNet (only centernet.json + its .bin) through a file IOHandler. */
export async function loadCenterNet(read?: ReadModelFile): Promise<GraphModel> {
  await initWasmBackend();
  const artifacts = await loadCenterNetArtifacts(locateHumanModelsDir(), read);
  return loadGraphModel({ load: async () => artifacts as never });
}

/** Runs CenterNet on a 512x512 rgb24 buffer; returns kept classes above `minScore`, NMS applied (IoU 0.4). */
export async function runCenterNet(model: GraphModel, rgb: Uint8Array, minScore: number): Promise<RawDetection[]> {
  const out = tf.tidy(() => {
    const input = tf.cast(tf.tensor4d(rgb, [1, CENTERNET_SIZE, CENTERNET_SIZE, 3], 'int32'), 'float32');
    return model.execute(input, ['tower_0/detections']) as tf.Tensor;
  });
  const data = (await out.data()) as Float32Array;
  out.dispose();
  const raw: RawDetection[] = [];
  for (let i = 0; i + 5 < data.length; i += 6) {
    const cls = CLASS_BY_INDEX[Math.round(data[i + 5]!)];
    const score = data[i + 4]!;
    if (!cls || !(score >= minScore)) continue;
    raw.push({ x1: data[i]!, y1: data[i + 1]!, x2: data[i + 2]!, y2: data[i + 3]!, score, cls });
  }
  return nms(raw, 0.4);
}

/** Greedy class-agnostic non-maximum suppression (a truck and a car on the same pixels are one vehicle). */
export function nms(dets: RawDetection[], iouThreshold: number): RawDetection[] {
  const sorted = [...dets].sort((a, b) => b.score - a.score);
  const kept: RawDetection[] = [];
  for (const d of sorted) {
    const sameKind = (k: RawDetection) => (k.cls === 'person') === (d.cls === 'person');
    if (kept.every((k) => !sameKind(k) || rawIou(k, d) < iouThreshold)) kept.push(d);
  }
  return kept;
}

function rawIou(a: RawDetection, b: RawDetection): number {
  const ix = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const iy = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const inter = ix * iy;
  const union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return union > 0 ? inter / union : 0;
}
