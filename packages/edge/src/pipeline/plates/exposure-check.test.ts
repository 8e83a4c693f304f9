import { describe, expect, it } from 'vitest';
import { createExposureCheck, EXPOSURE_CHECK } from './exposure-check.ts';

describe('exposure check', () => {
  it('says nothing until enough plates were seen, then warns when too many of the recent ones were clipped', () => {
    const check = createExposureCheck();
    for (let i = 0; i < EXPOSURE_CHECK.minPlates - 1; i++) check.add(true);
    expect(check.result()).toEqual({ platesChecked: EXPOSURE_CHECK.minPlates - 1, platesClipped: EXPOSURE_CHECK.minPlates - 1, warning: null });
    check.add(true);
    expect(check.result().warning).toBe('overexposed');
  });

  it('looks at the last window of vehicles only: a camera fixed by its installer clears the warning', () => {
    const check = createExposureCheck();
    for (let i = 0; i < EXPOSURE_CHECK.window; i++) check.add(i % 2 === 0);
    expect(check.result()).toEqual({ platesChecked: EXPOSURE_CHECK.window, platesClipped: EXPOSURE_CHECK.window / 2, warning: 'overexposed' });
    for (let i = 0; i < EXPOSURE_CHECK.window; i++) check.add(i % 10 === 0); // 10 % clipped, as a well-set camera
    expect(check.result()).toEqual({ platesChecked: EXPOSURE_CHECK.window, platesClipped: EXPOSURE_CHECK.window / 10, warning: null });
  });

  it('does not flap near the bound: a warning stays until the share falls below the clearing bound', () => {
    const check = createExposureCheck();
    const feed = (share: number, n = EXPOSURE_CHECK.window) => { for (let i = 0; i < n; i++) check.add((i * share) % 1 > 1 - share - 1e-9); };
    feed(0.26);
    expect(check.result().warning).toBeNull(); // under the warning bound
    feed(0.34);
    expect(check.result().warning).toBe('overexposed');
    feed(0.26);
    expect(check.result().warning).toBe('overexposed'); // between the bounds: stays
    feed(0.1);
    expect(check.result().warning).toBeNull();
  });
});
