import { describe, expect, it } from 'vitest';
import { estimateType } from './vehicle-type.ts';

describe('estimateType', () => {
  it('maps COCO classes and uses the box shape only where COCO has no class', () => {
    expect(estimateType('bus', [0, 0, 100, 100])).toBe('bus');
    expect(estimateType('motorcycle', [0, 0, 50, 60])).toBe('motorcycle');
    expect(estimateType('car', [0, 0, 100, 60])).toBe('car');
    expect(estimateType('car', [0, 0, 100, 95])).toBe('suv');
    expect(estimateType('person', [0, 0, 10, 30])).toBe('unknown');
  });
  it('splits COCO "truck" by proportions: long and low pickup, car-shaped car, tall van, taller truck', () => {
    expect(estimateType('truck', [0, 0, 100, 45])).toBe('pickup');
    expect(estimateType('truck', [0, 0, 100, 68])).toBe('car');
    expect(estimateType('truck', [0, 0, 100, 90])).toBe('van');
    expect(estimateType('truck', [0, 0, 100, 120])).toBe('truck');
  });
});
