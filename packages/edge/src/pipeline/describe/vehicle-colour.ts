import type { Colour } from '@camnet/core';
import type { Rect, RgbImage } from '../capture/rgb-image.ts';

/** A colour judgement: the best vocabulary colour, its share of the evidence (0..1) and the runner-up. */
export interface ColourEstimate {
  colour: Colour;
  confidence: number;
  alt: Colour | null;
}

/** Names one pixel (0..255 RGB) in the DESIGN.md vocabulary, or null for pixels that say nothing (near-black glass, glare). */
export function namePixel(r: number, g: number, b: number): Colour | null {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const v = max / 255;
  const s = max === 0 ? 0 : (max - min) / max;
  if (v > 0.97 && s < 0.06) return null; // blown-out glare
  // Dark but clearly coloured (navy, maroon, forest green) is still coloured.
  if (s < 0.22 || v < 0.12 || (v < 0.2 && s < 0.45)) {
    if (v < 0.24) return 'black';
    if (v < 0.5) return 'gray';
    if (v < 0.78) return 'silver';
    return 'white';
  }
  let h = 0;
  const d = max - min;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  h = (h * 60 + 360) % 360;
  if (h < 14 || h >= 335) return v < 0.3 ? 'brown' : 'red';
  if (h < 40) {
    if (v < 0.45) return 'brown';
    if (s < 0.4) return 'beige';
    return 'orange';
  }
  if (h < 65) {
    if (v < 0.45) return 'brown';
    if (s < 0.35) return 'beige';
    return s < 0.6 ? 'gold' : 'yellow';
  }
  if (h < 165) return 'green';
  // Grey paint under a blue sky looks faintly blue: only a clearly saturated blue is blue.
  if (h < 255) return s < 0.35 ? (v < 0.24 ? 'black' : v < 0.5 ? 'gray' : 'silver') : 'blue';
  return 'purple';
}

/**
 * The vehicle's body colour from its crop. With a plate, the panels around it (tailgate/boot lid above, bumper
 * beside) are sampled; without one, the lower-middle body (below the windows, above the road). Coloured pixels
 * count more than grey ones because shadow, glare and glass are grey.
 */
export function estimateColour(crop: RgbImage, plate: Rect | null = null): ColourEstimate {
  const { width: w, height: h } = crop;
  const regions: Rect[] = plate
    ? [
        [plate[0] - plate[2] * 1.5, plate[1] - plate[3] * 3, plate[2] * 4, plate[3] * 2.6],
        [plate[0] - plate[2] * 1.2, plate[1], plate[2] * 0.9, plate[3]],
        [plate[0] + plate[2] * 1.3, plate[1], plate[2] * 0.9, plate[3]],
      ]
    : [[w * 0.15, h * 0.4, w * 0.7, h * 0.45]];
  const votes = new Map<Colour, number>();
  const gain = plate ? whiteReference(crop, plate) : ([1, 1, 1] as const);
  for (const r of regions) voteRegion(crop, r, votes, gain);
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((s, [, n]) => s + n, 0);
  if (ranked.length === 0) return { colour: 'gray', confidence: 0, alt: null };
  return { colour: ranked[0]![0], confidence: Math.round((ranked[0]![1] / total) * 100) / 100, alt: ranked[1]?.[0] ?? null };
}

const GREYS = new Set<Colour>(['black', 'gray', 'silver', 'white']);

/**
 * Per-channel gains that make the plate's background (its brighter half, nearly always white or pale) read as
 * white: a white balance and exposure correction taken from the one object whose colour we know.
 */
export function whiteReference(crop: RgbImage, plate: Rect): readonly [number, number, number] {
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
  if (lum.length < 20) return [1, 1, 1];
  // The brightest fifth: the background, not the characters or the red/blue state script.
  const cut = [...lum].sort((a, b) => a - b)[Math.floor(lum.length * 0.8)]!;
  const sum = [0, 0, 0];
  let n = 0;
  px.forEach((i, k) => {
    if (lum[k]! < cut) return;
    for (let c = 0; c < 3; c++) sum[c] = sum[c]! + data[i + c]!;
    n++;
  });
  // Correct exposure fully but colour cast only partly: a tinted plate must not repaint the car.
  const raw = [0, 1, 2].map((c) => (230 * n) / Math.max(1, sum[c]!));
  const mean = (raw[0]! + raw[1]! + raw[2]!) / 3;
  const clamp = (g: number) => Math.max(0.85, Math.min(1.5, g));
  const g = raw.map((x) => clamp(mean * Math.max(0.85, Math.min(1.15, x / mean))));
  return [g[0]!, g[1]!, g[2]!];
}

function voteRegion(crop: RgbImage, [rx, ry, rw, rh]: Rect, votes: Map<Colour, number>, gain: readonly number[]): void {
  const { width: w, height: h, data } = crop;
  const x0 = Math.max(0, Math.floor(rx)), x1 = Math.min(w, Math.ceil(rx + rw));
  const y0 = Math.max(0, Math.floor(ry)), y1 = Math.min(h, Math.ceil(ry + rh));
  if (x1 <= x0 || y1 <= y0) return;
  const step = Math.max(1, Math.floor(Math.sqrt(((x1 - x0) * (y1 - y0)) / 3000)));
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      const i = (y * w + x) * 3;
      const name = namePixel(Math.min(255, data[i]! * gain[0]!), Math.min(255, data[i + 1]! * gain[1]!), Math.min(255, data[i + 2]! * gain[2]!));
      if (name) votes.set(name, (votes.get(name) ?? 0) + (GREYS.has(name) ? 1 : 1.5));
    }
  }
}
