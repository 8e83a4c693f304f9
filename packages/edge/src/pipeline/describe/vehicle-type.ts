import type { VehicleType } from '@camnet/core';
import type { DetectedClass } from '../detection/object-detector.ts';

/** Height-to-width bounds of the box used to split COCO's "car" and "truck" (measured on the dev half of plates-us). */
export const TYPE_ASPECT = { suv: 0.85, truckLowCar: 0.55, truckVan: 0.8, truckTruck: 1.05 } as const;

/**
 * The vehicle type from the detector's COCO class and the box shape. COCO has no SUV, pickup or van: those come
 * from shape and are weak (see docs/vision.md for the measured confusion). CenterNet calls many close-up cars
 * "truck"; a "truck" box with a car's proportions is therefore a car, a long low one a pickup, a tall one a van.
 */
export function estimateType(cls: DetectedClass, box: readonly [number, number, number, number]): VehicleType {
  const aspect = box[3] / Math.max(1, box[2]);
  switch (cls) {
    case 'bus': return 'bus';
    case 'motorcycle': return 'motorcycle';
    case 'bicycle': return 'bicycle';
    case 'truck':
      if (aspect > TYPE_ASPECT.truckTruck) return 'truck';
      if (aspect >= TYPE_ASPECT.truckVan) return 'van';
      return aspect >= TYPE_ASPECT.truckLowCar ? 'car' : 'pickup';
    case 'car': return aspect >= TYPE_ASPECT.suv ? 'suv' : 'car';
    default: return 'unknown';
  }
}
