import type { Rect, RgbImage } from '../capture/rgb-image.ts';

/** The COCO classes the pipeline cares about; persons are counted only, never described. */
export const DETECTED_CLASSES = ['person', 'bicycle', 'car', 'motorcycle', 'bus', 'truck'] as const;
export type DetectedClass = (typeof DETECTED_CLASSES)[number];

/** One object found in a frame: its rect in the frame's pixels, class and score (0..1). */
export interface Detection {
  box: Rect;
  cls: DetectedClass;
  score: number;
}

/** Port: finds people and vehicles in a frame. Implementations may run in workers; calls may overlap. */
export interface ObjectDetector {
  detect(frame: RgbImage): Promise<Detection[]>;
  close(): Promise<void>;
}

/** True for the classes that become vehicle events. */
export const isVehicle = (cls: DetectedClass): boolean => cls !== 'person';
