import * as ort from 'onnxruntime-node';
import type { RgbImage } from '../capture/rgb-image.ts';
import type { DetectedClass, Detection, ObjectDetector } from './object-detector.ts';
import { COCO_CLASS_MAP, decodeYolo, letterbox } from './yolo-decode.ts';

/** Options of the ONNX YOLO detector (YOLOv5/v8-family exports: one image input `[1, 3, S, S]`, one output). */
export interface OnnxYoloDetectorOptions {
  modelPath: string;
  /** Square input side the model was exported with (640 for stock YOLO exports). */
  inputSize?: number;
  numClasses?: number;
  /** Model class index → camnet class; COCO-80 by default. */
  classMap?: Readonly<Record<number, DetectedClass>>;
  /** Parallel sessions, one intra-op thread each (onnxruntime runs off the JS thread, so no workers needed). */
  sessions?: number;
  vehicleMinScore?: number;
  personMinScore?: number;
  iouThreshold?: number;
}

/** ObjectDetector on a YOLO-family ONNX model via onnxruntime-node (letterbox, v5/v8 decode, NMS). */
export async function createOnnxYoloDetector(opts: OnnxYoloDetectorOptions): Promise<ObjectDetector> {
  const size = opts.inputSize ?? 640;
  const count = Math.max(1, opts.sessions ?? 1);
  const sessions = await Promise.all(Array.from({ length: count }, () =>
    ort.InferenceSession.create(opts.modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 })));
  const busy = sessions.map(() => 0);
  const vehicleMin = opts.vehicleMinScore ?? 0.3;
  const personMin = opts.personMinScore ?? 0.25;
  return {
    async detect(frame: RgbImage): Promise<Detection[]> {
      const i = busy.indexOf(Math.min(...busy));
      const session = sessions[i]!;
      const { tensor, box } = letterbox(frame, size);
      busy[i]!++;
      try {
        const out = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', tensor, [1, 3, size, size]) });
        const t = out[session.outputNames[0]!]!;
        return decodeYolo(t.data as Float32Array, t.dims, box, {
          numClasses: opts.numClasses ?? 80, classMap: opts.classMap ?? COCO_CLASS_MAP,
          minScore: (cls) => (cls === 'person' ? personMin : vehicleMin),
          frameWidth: frame.width, frameHeight: frame.height, iouThreshold: opts.iouThreshold,
        });
      } finally {
        busy[i]!--;
      }
    },
    async close() {
      await Promise.all(sessions.map((s) => s.release()));
    },
  };
}
