import type { Colour } from '@camnet/core';
import type { Rect, RgbImage } from '../capture/rgb-image.ts';
import { BODY_GEOMETRY, boxMiddle, sampleBody, sideRegions, SIDE_GEOMETRY, type BodySample } from './body-samples.ts';
import { achromaticChroma, nameLab } from './colour-naming.ts';
import { plateBackground } from './plate-background.ts';
import { chroma, type Lab } from './lab.ts';
import { lightToneSpread, looksWhite, vehicleBrightness } from './white-or-silver.ts';

/** A colour judgement: the best vocabulary colour, its confidence (0..1) and the runner-up. */
export interface ColourEstimate {
  colour: Colour;
  confidence: number;
  alt: Colour | null;
}

/**
 * The plate correction: its bright half is scaled to `target` (of 255); exposure gains are bounded to
 * [minGain, maxGain] (a plate can be up to half as bright as its surroundings in a shaded recess), the colour cast to ±`cast`.
 * The upper bound is for a crop exposed to full scale: it grows by the crop's headroom (255 over the `headroomQuantile`
 * of its pixels' brightest channel), so a whole frame that is darker (dusk, an underexposed camera) is corrected as
 * far as a well-exposed one, while a plate darker than the bright paint around it is still held to `maxGain`.
 */
export const PLATE_GAIN = { target: 230, minGain: 0.85, maxGain: 2, cast: 0.15, headroomQuantile: 0.98 };

/** Histogram bin sizes in L*, a*, b* and the radius (ΔE76) of the dominant paint cluster around the mode. */
export const CLUSTER = { binL: 6, binAB: 5, radius: 10 };

/**
 * The vehicle's body colour from its crop: the body region (around the plate when there is one) is white-balanced
 * on the plate, sampled in CIELAB, and the densest colour cluster (the paint; glass, shadow, lights and road are
 * smaller or scattered) is named; light grey paint is told white or silver by `white-or-silver.ts`. Without a plate
 * the whole box is sampled and its dark neutral parts set aside (`paintWithoutPlate`). Confidence, with a plate, is
 * how many separate parts of the body name the same colour (`viewAgreement`); without one, the cluster's share of
 * the samples it was chosen from.
 */
export function estimateColour(crop: RgbImage, plate: Rect | null = null): ColourEstimate {
  const gain = plate ? whiteReference(crop, plate) : ([1, 1, 1] as const);
  const band = sampleBody(crop, plate, gain);
  if (band.length < 10) return { colour: 'gray', confidence: 0, alt: null };
  const name = namer(crop, gain);
  if (!plate) return name(...paintWithoutPlate(band));
  const inBand = dominantCluster(band);
  const sides = lighterSides(crop, plate, gain, inBand.mean);
  const estimate = name(...(paintBeyondBand(crop, gain, sides?.[1] ?? inBand) || sides || [band, inBand]));
  return { ...estimate, confidence: viewAgreement(crop, plate, gain, band, estimate.colour, name) };
}

/** Samples per body view when the confidence is judged (fewer than the body's own: a view is only named). */
export const VIEWS = { samples: 1500 };

/**
 * The confidence of a colour read around a plate: the share of separate parts of the body that, named on their own,
 * give the same colour: the band above the plate, each bumper corner, the middle of the vehicle's box and the band
 * one plate width higher (boot lid or tailgate; bonnet on a front view). When they agree the paint is what was
 * measured; when they split, the decision rested on one region (a grille, a shadowed recess, a trim strip), and
 * that is where colour goes wrong. On plates-us this ranks right names above wrong ones with an area under the ROC
 * curve of 0.68 on the dev half and 0.65 on the check half (the cluster's share: 0.55 and 0.51); at 0.75 and above
 * (half of the photos) the colour is right 88 % of the time, at 0.25 and below 45 % (docs/vision.md).
 */
function viewAgreement(crop: RgbImage, plate: Rect, gain: readonly number[], band: BodySample[], colour: Colour, name: Namer): number {
  const above: Rect = [plate[0] + plate[2] / 2 - plate[2] * BODY_GEOMETRY.sideW, plate[1] - plate[2] * 2 * BODY_GEOMETRY.aboveW, plate[2] * 2 * BODY_GEOMETRY.sideW, plate[2] * BODY_GEOMETRY.aboveW];
  const views = [band, ...[...sideRegions(plate), boxMiddle(crop), above].map((r) => sampleBody(crop, plate, gain, r, VIEWS.samples))].filter((v) => v.length >= 10);
  if (views.length === 0) return 0;
  const agreeing = views.filter((v) => name(v, dominantCluster(v)).colour === colour).length;
  return Math.round((agreeing / views.length) * 100) / 100;
}

/** Names a cluster of body samples (the confidence is the cluster's share of them). */
type Namer = (samples: BodySample[], main: Cluster) => ColourEstimate;

/**
 * Names paint clusters of one crop under one set of gains; light grey paint is white or silver by the vehicle's cues.
 * The vehicle's brightness is the crop's, whatever region is named, so it is measured once, when first needed.
 */
function namer(crop: RgbImage, gain: readonly number[]): Namer {
  let brightness: number | null = null;
  return (samples, main) => {
    const [colour, alt] = lightGrey(nameLab(main.mean), () => looksWhite({ brightP75: (brightness ??= vehicleBrightness(crop, gain)), lightIqr: lightToneSpread(samples) }));
    return { colour, confidence: Math.round(main.share * 100) / 100, alt };
  };
}

/**
 * When the bumper corners replace the band: their joint densest cluster holds at least `inEachCorner` of each
 * corner's samples (within `CLUSTER.radius`) and is at least `lighterBy` L* lighter than the band's.
 */
export const RECESS = { inEachCorner: 0.15, lighterBy: 15 };

/**
 * A grey band above the plate under lighter grey paint on both bumper corners is a shadowed recess or trim strip,
 * not the paint: then the corners' samples are the body. The paint must show on both corners (one alone may be
 * road or a lamp; metallic paint has several tones, so its share, not each corner's own densest tone, is compared)
 * and everything must be achromatic (a coloured band is paint; shade does not add colour).
 */
function lighterSides(crop: RgbImage, plate: Rect, gain: readonly number[], band: Lab): [BodySample[], Cluster] | null {
  const grey = (c: Lab) => chroma(c) < achromaticChroma(c.L);
  if (!grey(band)) return null;
  const [left, right] = sideRegions(plate).map((r) => sampleBody(crop, plate, gain, r, SIDE_GEOMETRY.samples));
  if (left!.length < 20 || right!.length < 20) return null;
  const both = [...left!, ...right!];
  const main = dominantCluster(both);
  const onBoth = nearShare(left!, main.mean) >= RECESS.inEachCorner && nearShare(right!, main.mean) >= RECESS.inEachCorner;
  if (!grey(main.mean) || main.mean.L - band.L < RECESS.lighterBy || !onBoth) return null;
  return [both, main];
}

/** Without a plate: samples darker than `maxL` and about neutral are glass, tyres, shadow or black; when they are at least `blackShare` of the body, they are the body. */
export const DARK_PARTS = { maxL: 35, blackShare: 0.6 };

/**
 * Without a plate there is no band to sample, only the box, and from a street camera's oblique view that is windows,
 * door shadows and tyres as much as paint: their dark, neutral cluster was the densest on most silver, blue and red
 * cars. So the dark neutral samples are set aside, and the paint is the densest colour of the rest, unless the dark
 * ones make up most of the vehicle (a black car: paint, glass and tyres alike).
 */
function paintWithoutPlate(samples: BodySample[]): [BodySample[], Cluster] {
  const dark = (c: Lab) => c.L < DARK_PARTS.maxL && chroma(c) < achromaticChroma(c.L) + 4;
  const darkSamples = samples.filter((s) => dark(s.lab));
  const rest = samples.filter((s) => !dark(s.lab));
  const weight = (xs: BodySample[]) => xs.reduce((sum, s) => sum + s.w, 0);
  if (rest.length < 10 || weight(darkSamples) >= DARK_PARTS.blackShare * weight(samples)) return [darkSamples, dominantCluster(darkSamples)];
  return [rest, dominantCluster(rest)];
}

/** Chroma (C*) from which the densest colour of the vehicle's middle is its paint when the plate's neighbourhood reads grey. */
export const PAINT_BEYOND_BAND = { minChroma: 20 };

/**
 * Bumpers, grilles, trim, glass and shadow are grey; paint is the only large coloured thing on a vehicle. So when the
 * plate's neighbourhood reads grey (a chrome bumper under a yellow bus, a rear window right above the plate of a blue
 * SUV) but the middle of the vehicle's box is clearly coloured, the middle is the paint.
 */
function paintBeyondBand(crop: RgbImage, gain: readonly number[], near: Cluster): [BodySample[], Cluster] | null {
  if (!isGreyName(nameLab(near.mean)[0])) return null;
  const samples = sampleBody(crop, null, gain, boxMiddle(crop));
  if (samples.length < 10) return null;
  const middle = dominantCluster(samples);
  return chroma(middle.mean) >= PAINT_BEYOND_BAND.minChroma ? [samples, middle] : null;
}

const isGreyName = (c: Colour) => c === 'black' || c === 'gray' || c === 'silver' || c === 'white';

/** The weighted share of samples within `CLUSTER.radius` (ΔE76) of a colour. */
function nearShare(samples: readonly BodySample[], c: Lab): number {
  let w = 0, total = 0;
  for (const s of samples) {
    total += s.w;
    if (Math.hypot(s.lab.L - c.L, s.lab.a - c.a, s.lab.b - c.b) <= CLUSTER.radius) w += s.w;
  }
  return total > 0 ? w / total : 0;
}

/** Light achromatic paint is white or silver by the vehicle's cues, not by its lightness (both measure L* 75–100). */
function lightGrey([colour, alt]: [Colour, Colour], white: () => boolean): [Colour, Colour] {
  if (colour !== 'silver' && colour !== 'white') return [colour, alt];
  if (white()) return ['white', 'silver'];
  return ['silver', alt === 'silver' ? 'white' : alt];
}

/** A colour cluster of body samples: its mean and its weighted share of the samples. */
export interface Cluster { mean: Lab; share: number }

/** The densest cluster of samples: mode of a coarse Lab histogram (smoothed over neighbour bins), then the mean of samples near it. */
export function dominantCluster(samples: readonly BodySample[]): Cluster {
  // Bins keyed by one integer (bin indices offset to be non-negative; L* bins < 64, a*/b* bins within ±64).
  const key = (l: number, a: number, b: number) => (l * 128 + (a + 64)) * 128 + (b + 64);
  const bins = new Map<number, { l: number; ia: number; ib: number; w: number; L: number; a: number; b: number }>();
  let total = 0;
  for (const s of samples) {
    const l = Math.floor(s.lab.L / CLUSTER.binL), ia = Math.floor(s.lab.a / CLUSTER.binAB), ib = Math.floor(s.lab.b / CLUSTER.binAB);
    const k = key(l, ia, ib);
    let bin = bins.get(k);
    if (!bin) bins.set(k, (bin = { l, ia, ib, w: 0, L: 0, a: 0, b: 0 }));
    bin.w += s.w; bin.L += s.lab.L * s.w; bin.a += s.lab.a * s.w; bin.b += s.lab.b * s.w;
    total += s.w;
  }
  let best: Lab = samples[0]!.lab, bestW = -1;
  for (const bin of bins.values()) {
    let w = 0;
    for (let dl = -1; dl <= 1; dl++) for (let da = -1; da <= 1; da++) for (let db = -1; db <= 1; db++) w += bins.get(key(bin.l + dl, bin.ia + da, bin.ib + db))?.w ?? 0;
    if (w > bestW) { bestW = w; best = { L: bin.L / bin.w, a: bin.a / bin.w, b: bin.b / bin.w }; }
  }
  let w = 0, L = 0, a = 0, b = 0;
  for (const s of samples) {
    if (Math.hypot(s.lab.L - best.L, s.lab.a - best.a, s.lab.b - best.b) > CLUSTER.radius) continue;
    w += s.w; L += s.lab.L * s.w; a += s.lab.a * s.w; b += s.lab.b * s.w;
  }
  return { mean: { L: L / w, a: a / w, b: b / w }, share: w / total };
}

/**
 * Per-channel gains that make the plate's background (`plateBackground`: its brightest fifth, nearly always white or
 * pale) read as white: a white balance and exposure correction taken from the one object whose colour we know.
 */
export function whiteReference(crop: RgbImage, plate: Rect): readonly [number, number, number] {
  const background = plateBackground(crop, plate);
  if (background.length === 0) return [1, 1, 1];
  const { data } = crop;
  const sum = [0, 0, 0];
  for (const i of background) for (let c = 0; c < 3; c++) sum[c] = sum[c]! + data[i + c]!;
  const n = background.length;
  // Correct exposure fully but colour cast only partly: a tinted plate must not repaint the car.
  const { target, minGain, maxGain, cast } = PLATE_GAIN;
  const raw = [0, 1, 2].map((c) => (target * n) / Math.max(1, sum[c]!));
  const mean = (raw[0]! + raw[1]! + raw[2]!) / 3;
  const upper = maxGain * exposureHeadroom(crop);
  const clamp = (g: number) => Math.max(minGain, Math.min(upper, g));
  const g = raw.map((x) => clamp(mean * Math.max(1 - cast, Math.min(1 + cast, x / mean))));
  return [g[0]!, g[1]!, g[2]!];
}

/** How far below full scale the crop's bright content lies: 255 over the `PLATE_GAIN.headroomQuantile` of each pixel's brightest channel (at least 1). */
export function exposureHeadroom(crop: RgbImage): number {
  const { data } = crop;
  const pixels = data.length / 3;
  const step = Math.max(1, Math.floor(pixels / 5000));
  const counts = new Uint32Array(256);
  let n = 0;
  for (let p = 0; p < pixels; p += step, n++) counts[Math.max(data[p * 3]!, data[p * 3 + 1]!, data[p * 3 + 2]!)]!++;
  if (n === 0) return 1;
  // The value below which `headroomQuantile` of the sampled pixels' brightest channels lie.
  const rank = Math.floor((n - 1) * PLATE_GAIN.headroomQuantile);
  let bright = 0;
  for (let seen = counts[0]!; seen <= rank; seen += counts[bright]!) bright++;
  return Math.max(1, 255 / Math.max(1, bright));
}
