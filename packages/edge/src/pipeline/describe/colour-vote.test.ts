import { describe, expect, it } from 'vitest';
import { voteColours } from './colour-vote.ts';

describe('colour vote over a track', () => {
  it('takes the colour with the most weight; the runner-up is the next colour', () => {
    const v = voteColours([
      { estimate: { colour: 'red', confidence: 0.6, alt: 'brown' }, weight: 300 },
      { estimate: { colour: 'black', confidence: 0.5, alt: 'gray' }, weight: 200 },
      { estimate: { colour: 'red', confidence: 0.4, alt: 'purple' }, weight: 100 },
    ]);
    expect(v).toEqual({ colour: 'red', alt: 'black', confidence: Math.round((400 / 600) * ((0.6 * 300 + 0.4 * 100) / 400) * 100) / 100 });
  });
  it('keeps a single frame as it is and says nothing without frames', () => {
    expect(voteColours([{ estimate: { colour: 'blue', confidence: 0.55, alt: 'gray' }, weight: 50 }])).toEqual({ colour: 'blue', confidence: 0.55, alt: 'gray' });
    expect(voteColours([])).toBeNull();
  });
  it('lets one large, near frame outweigh two small far ones', () => {
    const v = voteColours([
      { estimate: { colour: 'white', confidence: 0.5, alt: 'silver' }, weight: 1000 },
      { estimate: { colour: 'silver', confidence: 0.5, alt: 'white' }, weight: 300 },
      { estimate: { colour: 'silver', confidence: 0.5, alt: 'white' }, weight: 300 },
    ]);
    expect(v?.colour).toBe('white');
    expect(v?.alt).toBe('silver');
  });
});
