// Plate-photo part of the vision benchmark: plates, colour and type on ../shared/data/plates-us.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRgbImage } from '../packages/edge/src/pipeline/capture/image-file.ts';
import { plateClipped } from '../packages/edge/src/pipeline/describe/plate-background.ts';
import type { Rect, RgbImage } from '../packages/edge/src/pipeline/capture/rgb-image.ts';
import { analyzeStillImage, type StillImageDeps, type StillVehicle } from '../packages/edge/src/pipeline/still-image-analysis.ts';

/** Ground truth for one photo. */
export interface PhotoTruth { file: string; box: Rect; plate: string; colour: string; altColour: string; type: string }

/** Label types folded to what camnet can say: sedan/hatchback/coupe/wagon are `car`, minivan is `van`. */
export const COARSE_TYPE: Record<string, string> = { sedan: 'car', hatchback: 'car', coupe: 'car', wagon: 'car', suv: 'suv', pickup: 'pickup', van: 'van', minivan: 'van', truck: 'truck', bus: 'bus', motorcycle: 'motorcycle', unknown: 'unknown' };

/** Reads the photo list with plate boxes/texts and colour/type labels. */
export function loadPlateTruth(dir: string): PhotoTruth[] {
  const labels = new Map<string, string[]>();
  for (const line of readFileSync(join(dir, 'labels.csv'), 'utf8').trim().split('\n').slice(1)) {
    const cols = line.split(',');
    labels.set(cols[0]!, cols);
  }
  return [...labels.keys()].sort().map((file) => {
    const [, x, y, w, h, plate] = readFileSync(join(dir, file.replace(/\.jpg$/, '.txt')), 'utf8').trim().split(/\s+/);
    const l = labels.get(file)!;
    return { file, box: [+x!, +y!, +w!, +h!], plate: plate!.toUpperCase().replace(/[^A-Z0-9]/g, ''), colour: l[1]!, altColour: l[2] ?? '', type: l[3]! };
  });
}

const overlaps = (a: Rect, b: Rect) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];

/** Results of the photo benchmark, with confusion tables (truth → predicted → count). */
export interface PhotoBenchResult {
  images: number; plateFound: number; top1: number; topN: number; colour: number; colourStrict: number; colourTop2: number; type: number; msPerImage: number;
  /** Share of the plates read whose background is clipped to white (what the edge's exposure check counts), %. */
  platesClipped: number;
  colourConfusion: Record<string, Record<string, number>>; typeConfusion: Record<string, Record<string, number>>; misses: string[];
}

/** Runs still-image analysis on each photo and scores it against the truth; `load` reads a photo (by default as it is on disk). */
export async function benchPlatePhotos(dir: string, truth: PhotoTruth[], deps: StillImageDeps, log?: (l: string) => void,
  load: (path: string) => Promise<RgbImage> = readRgbImage): Promise<PhotoBenchResult> {
  let found = 0, top1 = 0, topN = 0, colour = 0, colourStrict = 0, colourTop2 = 0, type = 0, ms = 0, platesRead = 0, clipped = 0;
  const colourConfusion: Record<string, Record<string, number>> = {};
  const typeConfusion: Record<string, Record<string, number>> = {};
  const misses: string[] = [];
  const bump = (t: Record<string, Record<string, number>>, a: string, b: string) => { (t[a] ??= {})[b] = (t[a]![b] ?? 0) + 1; };
  for (const t of truth) {
    const img = await load(join(dir, t.file));
    const start = performance.now();
    const vehicles = await analyzeStillImage(img, deps);
    ms += performance.now() - start;
    // The labelled vehicle: the one whose plate read overlaps the truth box, else the one containing the plate box.
    const withPlate = vehicles.find((v) => v.plate && overlaps(v.plate.box, t.box));
    const v: StillVehicle | undefined = withPlate ?? vehicles.find((x) => overlaps(x.box, t.box)) ?? vehicles[0];
    if (withPlate) found++;
    const plate = withPlate?.plate;
    if (plate) platesRead++;
    if (plate && plateClipped(img, plate.box)) clipped++;
    if (plate?.text === t.plate) top1++;
    if (plate && (plate.text === t.plate || plate.alternates.some((a) => a.text === t.plate))) topN++;
    if (plate?.text !== t.plate) misses.push(`${t.file} ${t.plate} → ${plate?.text ?? (vehicles.length ? 'no plate' : 'nothing')}`);
    const c = v?.colour ?? 'none';
    if (c === t.colour || c === t.altColour) colour++;
    if (c === t.colour) colourStrict++;
    // Top-2: the colour or the runner-up camnet reports (`colourAlt`) is the label or its alternate.
    if ([c, v?.colourAlt].some((x) => x && (x === t.colour || x === t.altColour))) colourTop2++;
    bump(colourConfusion, t.colour, c);
    const coarse = COARSE_TYPE[t.type] ?? 'unknown';
    const ty = v?.type ?? 'none';
    if (ty === coarse) type++;
    bump(typeConfusion, coarse, ty);
    log?.(`${plate?.text === t.plate ? 'OK ' : withPlate ? 'BAD' : 'MIS'} ${t.file.slice(0, 14).padEnd(14)} ${t.plate.padEnd(8)} ${(plate?.text ?? '-').padEnd(8)} ${t.colour}/${c} ${coarse}/${ty}(${v?.class ?? '-'} ${v ? (v.box[3] / v.box[2]).toFixed(2) : ''})`);
  }
  const n = truth.length;
  const pct = (x: number) => Math.round((1000 * x) / n) / 10;
  return { images: n, plateFound: pct(found), top1: pct(top1), topN: pct(topN), colour: pct(colour), colourStrict: pct(colourStrict), colourTop2: pct(colourTop2), type: pct(type), msPerImage: Math.round(ms / n), platesClipped: platesRead ? Math.round((1000 * clipped) / platesRead) / 10 : 0, colourConfusion, typeConfusion, misses };
}
