import type { Colour, VehicleType } from '@camnet/core';
import { clampRect, cropRgb, type Rect, type RgbImage } from './capture/rgb-image.ts';
import { estimateColour } from './describe/vehicle-colour.ts';
import { vehicleCropRegion, vehicleFromPlate } from './describe/vehicle-region.ts';
import { estimateType } from './describe/vehicle-type.ts';
import { isVehicle, type DetectedClass, type ObjectDetector } from './detection/object-detector.ts';
import type { PlateReader, PlateReading } from './plates/plate-reader.ts';

/** One vehicle described in a still image; boxes are in the image's pixels. */
export interface StillVehicle {
  box: Rect;
  class: DetectedClass;
  score: number;
  type: VehicleType;
  colour: Colour;
  colourConfidence: number;
  colourAlt: Colour | null;
  plate: PlateReading | null;
}

/** What a still-image analysis needs; both are ports, so tests pass fakes. */
export interface StillImageDeps {
  detector: ObjectDetector;
  plates: PlateReader;
}

/** Vehicles too small to carry a readable plate are still described but not read (pixels of width). */
const MIN_PLATE_VEHICLE_WIDTH = 100;

/** Detects vehicles, describes each and reads its plate; if no vehicle yields a plate, reads the most plate-like text in the whole image. */
export async function analyzeStillImage(image: RgbImage, { detector, plates }: StillImageDeps): Promise<StillVehicle[]> {
  const dets = (await detector.detect(image)).filter((d) => isVehicle(d.cls));
  const out: StillVehicle[] = [];
  for (const d of dets.sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])) {
    const box = clampRect(d.box, image.width, image.height);
    const region = vehicleCropRegion(box, image.width, image.height);
    const crop = cropRgb(image, region);
    const plate = box[2] >= MIN_PLATE_VEHICLE_WIDTH ? await plates.read(crop, { vehicleCrop: true, singleShot: true }) : null;
    out.push({
      box, class: d.cls, score: round(d.score), type: estimateType(d.cls, box), ...describeColour(crop, plate?.box ?? null),
      plate: plate ? { ...plate, box: [plate.box[0] + region[0], plate.box[1] + region[1], plate.box[2], plate.box[3]] } : null,
    });
  }
  // No plate on any detected vehicle (missed or too small a vehicle): read the most plate-like text in the photo
  // and give it to the vehicle that contains it, or report it with an unknown vehicle.
  if (!out.some((v) => v.plate)) {
    const plate = await plates.read(image, { vehicleCrop: false, singleShot: true });
    const holder = plate && out.find((v) => contains(v.box, plate.box));
    if (plate && holder) {
      // Described again now that the plate is known: the plate sets the white balance and where the body is.
      const region = vehicleCropRegion(holder.box, image.width, image.height);
      Object.assign(holder, { plate }, describeColour(cropRgb(image, region), inRegion(plate.box, region)));
    } else if (plate) {
      // The detector found no vehicle (often a close-up it overflows): the vehicle is placed from its plate.
      const box = vehicleFromPlate(plate.box, image.width, image.height);
      out.push({ box, class: 'car', score: 0, type: 'unknown', ...describeColour(cropRgb(image, box), inRegion(plate.box, box)), plate });
    }
  }
  return out;
}

/** The colour fields of a vehicle from its crop and its plate in the crop's pixels. */
function describeColour(crop: RgbImage, plate: Rect | null): Pick<StillVehicle, 'colour' | 'colourConfidence' | 'colourAlt'> {
  const c = estimateColour(crop, plate);
  return { colour: c.colour, colourConfidence: c.confidence, colourAlt: c.alt };
}

/** A rect of the image in the pixels of a crop taken at `region`. */
const inRegion = (r: Rect, region: Rect): Rect => [r[0] - region[0], r[1] - region[1], r[2], r[3]];

const contains = (outer: Rect, inner: Rect) =>
  inner[0] >= outer[0] && inner[1] >= outer[1] && inner[0] + inner[2] <= outer[0] + outer[2] && inner[1] + inner[3] <= outer[1] + outer[3];

const round = (v: number) => Math.round(v * 1000) / 1000;
