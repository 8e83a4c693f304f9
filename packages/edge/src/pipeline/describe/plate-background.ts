import type { Rect, RgbImage } from '../capture/rgb-image.ts';

/**
 * The plate's background: the pixel offsets (into `crop.data`) of the brightest fifth of the plate box, by the sum of
 * the three channels. Nearly always white or pale sheeting, not the characters or the red/blue state script; the one
 * thing in a vehicle crop whose colour is known. Empty when the box holds fewer than 20 pixels.
 */
export function plateBackground(crop: RgbImage, plate: Rect): number[] {
  const { width: w, height: h, data } = crop;
  const lum: number[] = [];
  const px: number[] = [];
  for (let y = Math.max(0, Math.floor(plate[1])); y < Math.min(h, plate[1] + plate[3]); y++) {
    for (let x = Math.max(0, Math.floor(plate[0])); x < Math.min(w, plate[0] + plate[2]); x++) {
      const i = (y * w + x) * 3;
      lum.push(data[i]! + data[i + 1]! + data[i + 2]!);
      px.push(i);
    }
  }
  if (lum.length < 20) return [];
  const cut = [...lum].sort((a, b) => a - b)[Math.floor(lum.length * 0.8)]!;
  return px.filter((_, k) => lum[k]! >= cut);
}

/**
 * A plate is clipped when at least `share` of its background is at `level` or above in every channel: the camera
 * exposed it past full scale, so how bright it really was is lost (the colour correction cannot use it) and the
 * characters' edges bleed into the white. On plates-us (docs/vision.md, "A camera's picture too bright"): 4 % of the
 * plates as on disk, 23 % with the exposure × 1.2 and 47 % × 1.4.
 */
export const PLATE_CLIPPING = { level: 250, share: 0.5 };

/** Whether the plate's background is clipped (see `PLATE_CLIPPING`); false for a box too small to judge. */
export function plateClipped(crop: RgbImage, plate: Rect): boolean {
  const background = plateBackground(crop, plate);
  if (background.length === 0) return false;
  const { data } = crop;
  const clipped = background.filter((i) => Math.min(data[i]!, data[i + 1]!, data[i + 2]!) >= PLATE_CLIPPING.level).length;
  return clipped >= PLATE_CLIPPING.share * background.length;
}
