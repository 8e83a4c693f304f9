// The edge vision pipeline's public surface (capture → motion → detection → tracking → describe → plates → events).
export type { RgbImage, Rect } from './capture/rgb-image.ts';
export { readRgbImage, encodeJpeg } from './capture/image-file.ts';
export { readFrames, probeVideoSize, type Frame } from './capture/ffmpeg-frame-source.ts';
export type { ObjectDetector, Detection, DetectedClass } from './detection/object-detector.ts';
export { createCenterNetDetector } from './detection/centernet-tfjs-detector.ts';
export { createOnnxYoloDetector, type OnnxYoloDetectorOptions } from './detection/onnx-yolo-detector.ts';
export { createDetector, type DetectorChoice } from './detection/create-detector.ts';
export { createMosaicDetector, FrameDropped, type MosaicStats } from './detection/mosaic-detector.ts';
export type { PlateReader, PlateReading } from './plates/plate-reader.ts';
export { PaddleOnnxPlateReader } from './plates/paddle-onnx-plate-reader.ts';
export { plateClipped } from './describe/plate-background.ts';
export { analyzeStillImage, type StillVehicle } from './still-image-analysis.ts';
export { createVehiclePipeline, type PipelineStats } from './vehicle-pipeline.ts';
export { RecordingEventSink, type EventSink } from './events/event-sink.ts';
