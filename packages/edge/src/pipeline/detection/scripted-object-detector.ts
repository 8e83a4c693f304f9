import type { RgbImage } from '../capture/rgb-image.ts';
import type { Detection, ObjectDetector } from './object-detector.ts';

/** Fake ObjectDetector: answers call n with `script(n, frame)`; counts calls; fails if used after close. */
export class ScriptedObjectDetector implements ObjectDetector {
  calls = 0;
  private closed = false;
  constructor(private readonly script: (call: number, frame: RgbImage) => Detection[]) {}
  async detect(frame: RgbImage): Promise<Detection[]> {
    if (this.closed) throw new Error('ScriptedObjectDetector used after close');
    return this.script(this.calls++, frame);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}
