import { clampRect, type Rect } from '../capture/rgb-image.ts';

/** The crop a detected vehicle is described and read on: its box with a little margin (plates sit at the very bottom edge of many boxes). */
export function vehicleCropRegion(box: Rect, width: number, height: number): Rect {
  return clampRect([box[0] - box[2] * 0.04, box[1], box[2] * 1.08, box[3] * 1.06], width, height);
}

/**
 * Where a vehicle is, from its plate alone, in plate widths (a US plate is 30 cm wide; a car about 1.8 m wide and
 * 1.2–1.5 m tall, its plate low on its centre line).
 */
export const VEHICLE_FROM_PLATE = { widthW: 6, aboveW: 4, belowW: 1 };

/** The region a vehicle carrying this plate covers, clipped to the image: for a vehicle the detector missed. */
export function vehicleFromPlate(plate: Rect, width: number, height: number): Rect {
  const { widthW, aboveW, belowW } = VEHICLE_FROM_PLATE;
  const pw = plate[2], cx = plate[0] + pw / 2;
  return clampRect([cx - (widthW * pw) / 2, plate[1] - aboveW * pw, widthW * pw, aboveW * pw + plate[3] + belowW * pw], width, height);
}
