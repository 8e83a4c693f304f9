import type { RgbImage } from '../capture/rgb-image.ts';
import type { PlateReader, PlateReading } from './plate-reader.ts';

/** Fake PlateReader: returns the scripted texts in turn (null = nothing readable), each with the given confidence. */
export class ScriptedPlateReader implements PlateReader {
  calls = 0;
  constructor(private readonly texts: (string | null)[], private readonly confidence = 0.9) {}
  async read(image: RgbImage): Promise<PlateReading | null> {
    const text = this.texts[this.calls++ % this.texts.length];
    if (!text) return null;
    return {
      text, confidence: this.confidence, chars: [...text].map((c) => ({ c, confidence: this.confidence })), alternates: [],
      box: [image.width * 0.4, image.height * 0.7, image.width * 0.2, image.height * 0.1],
    };
  }
  async close(): Promise<void> {}
}
