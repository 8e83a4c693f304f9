import { describe, expect, it } from 'vitest';
import { editDistance, samePlate } from './plate-merge.ts';

describe('plate merge', () => {
  it('counts edits and calls plates one misread apart the same', () => {
    expect(editDistance('GT679A', 'GT6794')).toBe(1);
    expect(editDistance('383WJP', '383JP')).toBe(1);
    expect(samePlate('GT679A', 'GT6794')).toBe(true);
    expect(samePlate('ABC123', 'XYZ123')).toBe(false);
    expect(samePlate('AB1', 'AB1')).toBe(false);
  });
});
