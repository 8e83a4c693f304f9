import { createCenterNetDetector } from './centernet-tfjs-detector.ts';
import { createMosaicDetector } from './mosaic-detector.ts';
import type { ObjectDetector } from './object-detector.ts';
import { createOnnxYoloDetector } from './onnx-yolo-detector.ts';

/** The detector choice as configured (`detector` in the edge config). */
export interface DetectorChoice {
  kind: 'centernet' | 'onnx-yolo';
  modelPath?: string | null;
  inputSize?: number;
  workers?: number;
  /** Cameras sharing the detector: with two or more, CenterNet runs two cameras' frames per run (mosaic, bounded queue). */
  cameras?: number;
}

/** Creates the configured detector; one instance is meant to be shared by all cameras of an edge. */
export async function createDetector(choice: DetectorChoice): Promise<ObjectDetector> {
  if (choice.kind === 'onnx-yolo') {
    if (!choice.modelPath) throw new Error('detector onnx-yolo needs modelPath');
    return createOnnxYoloDetector({ modelPath: choice.modelPath, inputSize: choice.inputSize, sessions: choice.workers });
  }
  const workers = choice.workers ?? 2;
  const centerNet = await createCenterNetDetector({ workers });
  return (choice.cameras ?? 1) >= 2 ? createMosaicDetector(centerNet, { tiles: 2, concurrency: workers }) : centerNet;
}
