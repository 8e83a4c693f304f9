import { createCenterNetDetector } from './centernet-tfjs-detector.ts';
import type { ObjectDetector } from './object-detector.ts';
import { createOnnxYoloDetector } from './onnx-yolo-detector.ts';

/** The detector choice as configured (`detector` in the edge config). */
export interface DetectorChoice {
  kind: 'centernet' | 'onnx-yolo';
  modelPath?: string | null;
  inputSize?: number;
  workers?: number;
}

/** Creates the configured detector; one instance is meant to be shared by all cameras of an edge. */
export async function createDetector(choice: DetectorChoice): Promise<ObjectDetector> {
  if (choice.kind === 'onnx-yolo') {
    if (!choice.modelPath) throw new Error('detector onnx-yolo needs modelPath');
    return createOnnxYoloDetector({ modelPath: choice.modelPath, inputSize: choice.inputSize, sessions: choice.workers });
  }
  return createCenterNetDetector({ workers: choice.workers });
}
