import { describe, expect, it } from 'vitest';
import type { PlateReading } from './plate-reader.ts';
import { votePlates } from './plate-vote.ts';

const read = (text: string, confidence = 0.9): PlateReading => ({
  text, confidence, chars: [...text].map((c) => ({ c, confidence })), alternates: [], box: [0, 0, 10, 5],
});

describe('votePlates', () => {
  it('returns null without readings', () => expect(votePlates([])).toBeNull());
  it('lets the agreeing frames win over a confident outlier and keeps the outlier as an alternate', () => {
    const v = votePlates([read('GT679A', 0.8), read('GT6794', 0.95), read('GT679A', 0.85)])!;
    expect(v.text).toBe('GT679A');
    expect(v.alternates[0]!.text).toBe('GT6794');
    expect(v.chars[5]!.confidence).toBeLessThan(v.chars[0]!.confidence);
    expect(v.confidence).toBeGreaterThan(0.5);
  });
  it('builds a character-wise majority when every frame slipped somewhere different', () => {
    const v = votePlates([read('XBC123'), read('AXC123'), read('ABX123'), read('ABC12X')])!;
    expect(v.text).toBe('ABC123');
  });
});
