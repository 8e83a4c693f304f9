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
});
