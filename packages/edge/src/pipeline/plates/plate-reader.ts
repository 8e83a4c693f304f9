import type { Rect, RgbImage } from '../capture/rgb-image.ts';
import type { CtcMatrix } from './ctc-likelihood.ts';

/** One character of a plate read with the reader's confidence (0..1). */
export interface PlateChar {
  c: string;
  confidence: number;
  /** The runner-up reading at this place, for alternates and voting. */
  alt?: string | null;
  altConfidence?: number;
}

/** A plate read from one image: text (A–Z0–9), confidence, per-character detail, ranked alternates, and where it is. */
export interface PlateReading {
  text: string;
  confidence: number;
  chars: PlateChar[];
  alternates: { text: string; confidence: number }[];
  /** The plate's rect in the pixels of the image given to `read`. */
  box: Rect;
  /**
   * The recogniser's output for the plate line (one matrix per read of it), when the reader is a CTC model:
   * lets a track score any candidate text on every frame (`fusePlates`) instead of voting on decoded strings.
   */
  evidence?: CtcMatrix[];
}

/** What the caller knows about the image: a vehicle crop lets the reader expect the plate low and central. */
export interface PlateReadHint {
  vehicleCrop?: boolean;
  /** The only read this vehicle gets (a photo, not one frame of a track): the reader may spend more time finding the plate. */
  singleShot?: boolean;
}

/** Port: finds and reads the licence plate in a vehicle crop (or a whole photo); null when none is readable. */
export interface PlateReader {
  read(image: RgbImage, hint?: PlateReadHint): Promise<PlateReading | null>;
  close(): Promise<void>;
}
