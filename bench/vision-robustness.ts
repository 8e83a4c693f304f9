// Photo benchmark on altered copies of plates-us: how the figures hold when a camera differs from the set's
// (exposure, resolution, compression). The photos are altered in memory; the set on disk is not touched.
import sharp from 'sharp';
import { readRgbImage } from '../packages/edge/src/pipeline/capture/image-file.ts';
import type { RgbImage } from '../packages/edge/src/pipeline/capture/rgb-image.ts';
import type { StillImageDeps } from '../packages/edge/src/pipeline/still-image-analysis.ts';
import { benchPlatePhotos, type PhotoBenchResult, type PhotoTruth } from './vision-plates.ts';

/**
 * One alteration: encoded pixel values × `exposure` (clipped at 255), size × `scale`; every altered photo is re-encoded
 * as JPEG at `quality` (92 unless set), so the row re-encoded at 92 alone tells what the re-encoding itself costs.
 */
export interface Alteration { name: string; exposure?: number; scale?: number; quality?: number }

/** The default alterations: a darker and a brighter camera, lower resolutions, heavier compression. */
export const ALTERATIONS: Alteration[] = [
  { name: 'as on disk' }, { name: 'JPEG quality 92', quality: 92 },
  { name: 'exposure × 0.6', exposure: 0.6 }, { name: 'exposure × 0.8', exposure: 0.8 },
  { name: 'exposure × 1.2', exposure: 1.2 }, { name: 'exposure × 1.4', exposure: 1.4 },
  { name: 'size × 0.7', scale: 0.7 }, { name: 'size × 0.5', scale: 0.5 },
  { name: 'JPEG quality 30', quality: 30 },
];

/** A photo read from disk and altered (the unaltered entry returns it as read). */
async function loadAltered(path: string, a: Alteration): Promise<RgbImage> {
  const img = await readRgbImage(path);
  if (!a.exposure && !a.scale && !a.quality) return img;
  let p = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
  if (a.scale) p = p.resize(Math.round(img.width * a.scale), Math.round(img.height * a.scale));
  if (a.exposure) p = p.linear(a.exposure, 0);
  const { data, info } = await sharp(await p.jpeg({ quality: a.quality ?? 92 }).toBuffer()).raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** Runs the photo benchmark once per alteration (the first, unaltered, is the baseline of the same run). */
export async function benchAlteredPhotos(dir: string, truth: PhotoTruth[], deps: StillImageDeps, alterations = ALTERATIONS): Promise<(PhotoBenchResult & { alteration: string })[]> {
  const out: (PhotoBenchResult & { alteration: string })[] = [];
  for (const a of alterations) {
    const s = a.scale ?? 1;
    const scaled = truth.map((t) => ({ ...t, box: t.box.map((v) => v * s) as PhotoTruth['box'] }));
    out.push({ alteration: a.name, ...(await benchPlatePhotos(dir, scaled, deps, undefined, (path) => loadAltered(path, a))) });
  }
  return out;
}
