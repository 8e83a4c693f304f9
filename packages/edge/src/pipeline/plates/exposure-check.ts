import type { PictureCheck } from '@camnet/core';

/**
 * A camera's picture is too bright when at least `tooBrightShare` of the last `window` vehicles whose plate was read had
 * their plate clipped to white (`describe/plate-background.ts`), judged once `minPlates` were seen. On plates-us the
 * share is 4 % as on disk, 23 % with the exposure × 1.2 (plate top-1 −3 points, colour −3) and 47 % × 1.4 (top-1 −5,
 * colour −16; docs/vision.md): the bound sits between what costs little and what costs much. A vehicle counts once,
 * however many frames it was read on, so one slow delivery van cannot fill the window. A warning given stays until
 * the share falls below `clearShare`, so a camera near the bound does not flap (each change reaches the hub and the
 * people watching the camera).
 */
export const EXPOSURE_CHECK = { window: 50, minPlates: 20, tooBrightShare: 0.3, clearShare: 0.2 };

/** The recent vehicles' plates of one camera and what they say about its exposure. */
export type ExposureCheck = ReturnType<typeof createExposureCheck>;

export function createExposureCheck() {
  const recent: boolean[] = [];
  let warned = false;
  return {
    /** One vehicle whose plate was read: whether its plate was clipped on most of its reads. */
    add(clipped: boolean): void {
      recent.push(clipped);
      if (recent.length > EXPOSURE_CHECK.window) recent.shift();
      const share = recent.filter(Boolean).length / recent.length;
      if (recent.length >= EXPOSURE_CHECK.minPlates) warned = warned ? share >= EXPOSURE_CHECK.clearShare : share >= EXPOSURE_CHECK.tooBrightShare;
    },
    result(): PictureCheck {
      return { platesChecked: recent.length, platesClipped: recent.filter(Boolean).length, warning: warned ? 'overexposed' : null };
    },
  };
}
