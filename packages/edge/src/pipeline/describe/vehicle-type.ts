import type { VehicleType } from '@camnet/core';
import type { DetectedClass } from '../detection/object-detector.ts';

/**
 * The vehicle type from the detector's COCO class and the box shape. COCO has no SUV, pickup or van:
 * those come from shape and are weak (see docs/vision.md for the measured confusion).
 */
export function estimateType(cls: DetectedClass, box: readonly [number, number, number, number]): VehicleType {
  const aspect = box[3] / Math.max(1, box[2]);
  switch (cls) {
    case 'bus': return 'bus';
    case 'motorcycle': return 'motorcycle';
    case 'bicycle': return 'bicycle';
    case 'truck': return aspect > 1.05 ? 'truck' : aspect > 0.8 ? 'van' : 'pickup';
    case 'car': return aspect > 0.85 ? 'suv' : 'car';
    default: return 'unknown';
  }
}
