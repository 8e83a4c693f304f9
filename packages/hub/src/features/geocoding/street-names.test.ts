import { describe, expect, it } from 'vitest';
import { editDistance, normaliseStreet, parseGeocodeQuery } from './street-names.ts';

describe('street names', () => {
  it('normalises case, punctuation and abbreviations, and splits off the suffix', () => {
    for (const s of ['Gravois Ave', 'GRAVOIS AVENUE', 'gravois av.', 'Gravois  Ave']) expect(normaliseStreet(s)).toEqual({ key: 'GRAVOIS AVE', base: 'GRAVOIS', suffix: 'AVE' });
    expect(normaliseStreet('Gravois')).toEqual({ key: 'GRAVOIS', base: 'GRAVOIS', suffix: null });
    expect(normaliseStreet('North Grand Boulevard')).toMatchObject({ key: 'N GRAND BLVD', base: 'N GRAND' });
  });

  it('parses addresses and intersections in the ways people type them', () => {
    expect(parseGeocodeQuery('3500 Gravois Ave, St. Louis, MO 63118')).toMatchObject({ kind: 'address', number: 3500, street: { base: 'GRAVOIS' } });
    expect(parseGeocodeQuery('3500A gravois')).toMatchObject({ kind: 'address', number: 3500 });
    for (const q of ['Gravois & Chippewa', 'gravois and chippewa st', 'Gravois/Chippewa', 'Gravois @ Chippewa']) {
      expect(parseGeocodeQuery(q)).toMatchObject({ kind: 'intersection', a: { base: 'GRAVOIS' }, b: { base: 'CHIPPEWA' } });
    }
    expect(parseGeocodeQuery('Highland Ave').kind).toBe('unparsed'); // "and" inside a word is not a crossing
  });

  it('measures edit distance with an early stop', () => {
    expect(editDistance('GRAVOIS', 'GRAVOYS')).toBe(1);
    expect(editDistance('GRAVOIS', 'CHIPPEWA', 2)).toBe(3);
  });
});
