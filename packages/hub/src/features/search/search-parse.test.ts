import { describe, expect, it } from 'vitest';
import { parseSearchText } from './search-parse.ts';

// 2026-11-22 15:00 in St. Louis (UTC−6).
const ctx = { now: Date.parse('2026-11-22T21:00:00.000Z'), utcOffsetMinutes: -360, streets: ['Gravois Ave', 'Chippewa St', 'Grand Blvd'] };

describe('natural-language search parser', () => {
  it('reads "red pickup near Gravois and Chippewa last night after 9" into filters and chips', () => {
    const r = parseSearchText('red pickup near Gravois and Chippewa last night after 9', ctx);
    expect(r.filters).toEqual({
      colours: ['red'], types: ['pickup'], place: { address: 'Gravois & Chippewa', radiusM: 150 },
      // 21:00 local on the 21st to 06:00 local on the 22nd.
      time: { from: '2026-11-22T03:00:00.000Z', to: '2026-11-22T12:00:00.000Z' },
    });
    expect(r.chips.map((c) => c.field).sort()).toEqual(['colour', 'place', 'time', 'time', 'type']);
    expect(r.unparsed).toEqual([]);
  });

  it('understands relative spans, grey, directions, plates and pick-up', () => {
    const r = parseSearchText('grey pick-up northbound plate AB?12* last 3 hours', ctx);
    expect(r.filters).toMatchObject({ colours: ['gray'], types: ['pickup'], direction: 'north', plate: { text: 'AB?12*', fuzzy: false }, time: { last: '3h' } });
  });

  it('uses the day and between/and for a window, and leaves unknown words and unknown streets unparsed', () => {
    const r = parseSearchText('blue van yesterday between 9 and 10 pm near Nowhere Lane', ctx);
    expect(r.filters.time).toEqual({ from: '2026-11-22T03:00:00.000Z', to: '2026-11-22T04:00:00.000Z' });
    expect(r.filters.place).toBeUndefined();
    expect(r.unparsed).toContain('Nowhere');
  });
});
