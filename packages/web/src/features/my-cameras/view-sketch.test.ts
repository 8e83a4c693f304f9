import { describe, expect, it } from 'vitest';
import { compassWord, describeView } from './view-sketch.tsx';

describe('describeView', () => {
  it('says which way a camera points and how far it sees, in plain words', () => {
    expect(describeView({ headingDeg: 200, fovDeg: 90, rangeM: 35 })).toBe('Points south with a normal view, up to about 35 metres away.');
    expect(describeView({ headingDeg: 45, fovDeg: 30, rangeM: 80.4 })).toBe('Points north-east with a narrow view, up to about 80 metres away.');
    expect(describeView({ headingDeg: 0, fovDeg: 360, rangeM: 20 })).toBe('Sees all around, up to about 20 metres away.');
  });

  it('wraps headings around the compass', () => {
    expect(compassWord(350)).toBe('north');
    expect(compassWord(-90)).toBe('west');
    expect(compassWord(720 + 135)).toBe('south-east');
  });
});
