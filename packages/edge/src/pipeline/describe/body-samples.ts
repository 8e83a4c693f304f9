import type { Rect, RgbImage } from '../capture/rgb-image.ts';
import { rgbToLab, type Lab } from './lab.ts';

/** A CIELAB sample of the body with its weight (nearer the body's centre counts more). */
export interface BodySample { lab: Lab; w: number }

/** Tunable geometry of the body sample, in plate widths (with a plate) or crop fractions (without). */
export const BODY_GEOMETRY = { sideW: 1.5, aboveW: 1, belowH: -1, samples: 4000 };

/**
 * Where the body paint is. With a plate (≈ 30 cm wide, on the body centre line) the band from ~half a metre
 * above it to just below it and ~65 cm to each side: tailgate/boot lid or bonnet/bumper, below the glass. Without
 * one, the whole box but its edges and the wheels and road at the bottom: from a street camera's oblique view the
 * roof, bonnet and boot show the paint best, and the middle of the box is mostly windows (the glass and shadow are
 * set aside when the colour is chosen, see `paintWithoutPlate`).
 */
export function bodyRegion(crop: RgbImage, plate: Rect | null): Rect {
  const { width: w, height: h } = crop;
  if (!plate) return [w * 0.05, h * 0.05, w * 0.9, h * 0.8];
  const cx = plate[0] + plate[2] / 2, pw = plate[2];
  const y0 = plate[1] - pw * BODY_GEOMETRY.aboveW;
  return [cx - pw * BODY_GEOMETRY.sideW, y0, pw * BODY_GEOMETRY.sideW * 2, plate[1] + plate[3] * (1 + BODY_GEOMETRY.belowH) - y0];
}

/**
 * The bumper corners beside the plate, in plate widths from its centre line: the same paint as the band above the
 * plate, but outside the recess the plate is mounted in, so a second opinion when the band is in shadow.
 */
export const SIDE_GEOMETRY = { fromW: 1.4, widthW: 1.4, aboveW: 0.5, belowH: 0.3, samples: 2000 };

/** The left and right bumper-corner regions of `SIDE_GEOMETRY` beside a plate. */
export function sideRegions(plate: Rect): [Rect, Rect] {
  const { fromW, widthW, aboveW, belowH } = SIDE_GEOMETRY;
  const cx = plate[0] + plate[2] / 2, pw = plate[2];
  const y = plate[1] - pw * aboveW, h = pw * aboveW + plate[3] * (1 + belowH);
  return [[cx - (fromW + widthW) * pw, y, widthW * pw, h], [cx + fromW * pw, y, widthW * pw, h]];
}

/** Samples a region (by default the body region) on a grid in CIELAB after the gains, skipping the plate itself, glare and clipped pixels. */
export function sampleBody(crop: RgbImage, plate: Rect | null, gain: readonly number[], region = bodyRegion(crop, plate), samples = BODY_GEOMETRY.samples): BodySample[] {
  const { width: w, height: h, data } = crop;
  const [rx, ry, rw, rh] = region;
  const x0 = Math.max(0, Math.floor(rx)), x1 = Math.min(w, Math.ceil(rx + rw));
  const y0 = Math.max(0, Math.floor(ry)), y1 = Math.min(h, Math.ceil(ry + rh));
  const out: BodySample[] = [];
  if (x1 <= x0 || y1 <= y0) return out;
  const step = Math.max(1, Math.floor(Math.sqrt(((x1 - x0) * (y1 - y0)) / samples)));
  const inPlate = (x: number, y: number) => plate !== null && x >= plate[0] - plate[2] * 0.1 && x < plate[0] + plate[2] * 1.1 && y >= plate[1] - plate[3] * 0.15 && y < plate[1] + plate[3] * 1.15;
  const cx = rx + rw / 2;
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      if (inPlate(x, y)) continue;
      const i = (y * w + x) * 3;
      const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!;
      if (Math.min(r, g, b) >= 250) continue; // specular glare says nothing about the paint
      const lab = rgbToLab(r * gain[0]!, g * gain[1]!, b * gain[2]!);
      out.push({ lab, w: 1 - 0.5 * Math.abs(x - cx) / (rw / 2) });
    }
  }
  return out;
}

/** The middle of a vehicle's box: between the windows (upper third) and the wheels and road (bottom fifth). */
export function boxMiddle(crop: RgbImage): Rect {
  return [crop.width * 0.12, crop.height * 0.38, crop.width * 0.76, crop.height * 0.42];
}
