import sharp from 'sharp';
import type { RgbImage } from './rgb-image.ts';

/** Decodes an image file (JPEG, PNG, WebP…) to rgb24, honouring EXIF orientation. */
export async function readRgbImage(path: string): Promise<RgbImage> {
  const { data, info } = await sharp(path).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** Encodes an rgb24 image as a JPEG, optionally scaled so its longest side is at most `maxSide`. */
export async function encodeJpeg(img: RgbImage, maxSide = 320, quality = 75): Promise<Buffer> {
  let pipeline = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
  if (Math.max(img.width, img.height) > maxSide) pipeline = pipeline.resize(maxSide, maxSide, { fit: 'inside' });
  return pipeline.jpeg({ quality }).toBuffer();
}
