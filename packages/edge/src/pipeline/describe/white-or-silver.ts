import type { RgbImage } from '../capture/rgb-image.ts';
import type { BodySample } from './body-samples.ts';
import { chroma, rgbToLab } from './lab.ts';

/**
 * Bounds of the white/silver decision, chosen on the dev half of plates-us (centre of the plateau): white when a
 * quarter of the vehicle's grey pixels are at least this light (L*, after the plate correction) and the light body
 * samples spread over at most this many units of L* (interquartile range).
 */
export const WHITE_BODY = { brightP75: 84, lightIqr: 20 };

/** What separates white from silver paint once both measure L* 75–100: how much of the vehicle is bright, and how flat its light tone is. */
export interface WhiteCues {
  /** 75th percentile of L* over the achromatic pixels of the vehicle's middle (10–90 % across, 15–90 % down). */
  brightP75: number;
  /** Interquartile range of L* over the light, weakly coloured body samples; metallic paint shows a spread of tones. */
  lightIqr: number;
}

/** Measures the white/silver cues on the vehicle crop after the plate gains. */
export function whiteCues(crop: RgbImage, gain: readonly number[], body: readonly BodySample[]): WhiteCues {
  return { brightP75: vehicleBrightness(crop, gain), lightIqr: lightToneSpread(body) };
}

/** `WhiteCues.brightP75`: a property of the crop and its gains alone, so one estimate measures it once for all its body regions. */
export function vehicleBrightness(crop: RgbImage, gain: readonly number[]): number {
  const { width: w, height: h, data } = crop;
  const step = Math.max(1, Math.floor(Math.sqrt((w * h * 0.6) / 4000)));
  const grey: number[] = [];
  for (let y = Math.floor(h * 0.15); y < h * 0.9; y += step) {
    for (let x = Math.floor(w * 0.1); x < w * 0.9; x += step) {
      const i = (y * w + x) * 3;
      const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!;
      // Greyness is judged before the gains, so a tinted plate cannot decide which pixels count.
      if (chroma(rgbToLab(r, g, b)) < 10) grey.push(rgbToLab(r * gain[0]!, g * gain[1]!, b * gain[2]!).L);
    }
  }
  return quantile(grey, 0.75);
}

/** `WhiteCues.lightIqr`: the spread of L* over the light, weakly coloured body samples. */
export function lightToneSpread(body: readonly BodySample[]): number {
  const light = body.filter((s) => s.lab.L > 45 && chroma(s.lab) < 15).map((s) => s.lab.L);
  return quantile(light, 0.75) - quantile(light, 0.25);
}

/** White paint: a bright vehicle with a flat light tone; anything else light and achromatic is silver. Missing cues say silver. */
export const looksWhite = (c: WhiteCues): boolean => c.brightP75 >= WHITE_BODY.brightP75 && c.lightIqr <= WHITE_BODY.lightIqr;

function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) * p)]!;
}
