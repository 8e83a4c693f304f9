import { describe, expect, it } from 'vitest';
import { estimateType } from './vehicle-type.ts';

describe('estimateType', () => {
  it('maps COCO classes and uses the box shape only where COCO has no class', () => {
    expect(estimateType('bus', [0, 0, 100, 100])).toBe('bus');
    expect(estimateType('motorcycle', [0, 0, 50, 60])).toBe('motorcycle');
    expect(estimateType('car', [0, 0, 100, 60])).toBe('car');
    expect(estimateType('car', [0, 0, 100, 95])).toBe('suv');
    expect(estimateType('truck', [0, 0, 100, 60])).toBe('pickup');
    expect(estimateType('person', [0, 0, 10, 30])).toBe('unknown');
  });
});
