import sharp from 'sharp';

/** A polygon in normalised image coordinates (x, y in 0..1). */
export type MaskPolygon = ReadonlyArray<readonly [number, number]>;

/** An SVG of `width`×`height`, transparent except the polygons filled opaque black. */
export function maskSvg(width: number, height: number, polygons: readonly MaskPolygon[]): string {
  const shapes = polygons
    .map((poly) => `<polygon points="${poly.map(([x, y]) => `${round(x * width)},${round(y * height)}`).join(' ')}" fill="#000" />`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" shape-rendering="crispEdges">${shapes}</svg>`;
}

/** A JPEG with the privacy masks blacked out (returned unchanged, re-encoded never, when there are none). */
export async function applyMasksToJpeg(jpeg: Buffer, polygons: readonly MaskPolygon[], quality = 85): Promise<Buffer> {
  if (polygons.length === 0) return jpeg;
  const { width, height } = await sharp(jpeg).metadata();
  if (!width || !height) throw new Error('snapshot has no dimensions');
  const overlay = Buffer.from(maskSvg(width, height, polygons));
  return sharp(jpeg).composite([{ input: overlay, left: 0, top: 0 }]).jpeg({ quality }).toBuffer();
}

/** A PNG mask (black polygons on transparency) for ffmpeg's overlay filter when masks are burned into clips. */
export function maskPng(width: number, height: number, polygons: readonly MaskPolygon[]): Promise<Buffer> {
  return sharp(Buffer.from(maskSvg(width, height, polygons))).png().toBuffer();
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
