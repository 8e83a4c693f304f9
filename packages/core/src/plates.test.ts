import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors.ts';
import {
  PLATE_KEY_ALPHABET,
  assertPlateQueryNarrowEnough,
  compilePlatePattern,
  isNarrowScope,
  matchPlate,
  matchPlateRead,
  normalisePlate,
  plateDeletionKeys,
  plateFuzzyKeys,
  plateKey,
  planPlateQuery,
} from './plates.ts';

const refusalId = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return isDomainError(e) ? e.id : 'not a domain error';
  }
  return undefined;
};

describe('normalisePlate and plateKey', () => {
  it('upper-cases and keeps A–Z and 0–9 only', () => {
    expect(normalisePlate(' ab-1 2.3c ')).toBe('AB123C');
  });
  it('folds every confusion class onto its representative', () => {
    expect(plateKey('ODQ0 IL1 Z2 S5 B8 G6')).toBe('0000111225588' + '66');
    expect(plateKey('AB1C2D')).toBe(plateKey('A81CZ0'));
    expect(PLATE_KEY_ALPHABET).toHaveLength(27);
  });
});

describe('matchPlate', () => {
  it('grades exact > confusion > one edit, and null beyond', () => {
    expect(matchPlate('ABC1234', 'abc-1234')).toMatchObject({ quality: 'exact', score: 1 });
    const conf = matchPlate('ABC1234', 'A8C1Z34');
    expect(conf).toMatchObject({ quality: 'confusion', confusions: 2 });
    expect(conf!.score).toBeLessThan(0.9);
    expect(matchPlate('ABC1234', 'ABC234')).toMatchObject({ quality: 'one_edit' });
    expect(matchPlate('ABC1234', 'ABC12344')).toMatchObject({ quality: 'one_edit' });
    expect(matchPlate('ABC1234', 'A8C1Z4')).toMatchObject({ quality: 'one_edit' });
    expect(matchPlate('ABC1234', 'XYZ1234')).toBeNull();
    expect(matchPlate('ABC1234', 'AB')).toBeNull();
    expect(matchPlate('', 'AB')).toBeNull();
  });
  it('knows each pair the issue names: 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G', () => {
    for (const [a, b] of [['0', 'O'], ['O', 'D'], ['D', 'Q'], ['1', 'I'], ['I', 'L'], ['2', 'Z'], ['5', 'S'], ['8', 'B'], ['6', 'G']]) {
      expect(matchPlate(`XY${a}7`, `XY${b}7`)?.quality).toBe('confusion');
    }
  });
});

describe('matchPlateRead', () => {
  it('matches a read by its text or, a little lower, by an alternate', () => {
    const read = { text: 'AB1C2D', alternates: [{ text: 'AB7C2D', confidence: 0.2 }] };
    expect(matchPlateRead('AB1C2D', read)).toMatchObject({ quality: 'exact', via: 'text', score: 1 });
    expect(matchPlateRead('AB7C2D', read)).toMatchObject({ quality: 'exact', via: 'alternate', matchedText: 'AB7C2D', score: 0.95 });
    expect(matchPlateRead('XY9999', read)).toBeNull();
  });
});

describe('fuzzy lookup keys', () => {
  it('cover every read that matchPlate grades (the store finds what the grader accepts)', () => {
    const q = 'AB1C2D3';
    const keys = new Set(plateFuzzyKeys(q));
    for (const read of ['AB1C2D3', 'A81CZO3', 'AB1C2D', 'AB1CC2D3', 'XAB1C2D3', 'B1C2D3']) {
      expect(matchPlate(q, read), read).not.toBeNull();
      expect(keys.has(plateKey(read)), read).toBe(true);
    }
  });
  it('stay a few hundred index seeks for a 7-character plate', () => {
    const n = plateFuzzyKeys('ABC1234').length;
    expect(n).toBeGreaterThan(200);
    expect(n).toBeLessThan(250);
    expect(plateDeletionKeys('AAB')).toEqual(['A8', 'AA']);
  });
});

describe('compilePlatePattern', () => {
  it('matches ? as one character and * as any run', () => {
    const p = compilePlatePattern('ab?1*');
    expect(p).toMatchObject({ source: 'AB?1*', knownChars: 3, minLength: 4, maxLength: null, like: 'AB_1%', keyLike: 'A8_1%', keyPrefix: 'A8' });
    expect(p.test('ABX1')).toBe(true);
    expect(p.test('abx-1999')).toBe(true);
    expect(p.test('AB1')).toBe(false);
    expect(p.test('A8X1')).toBe(false);
    expect(p.test('A8X1', { confusions: true })).toBe(true);
  });
  it('collapses runs of * and gives a fixed length without them', () => {
    expect(compilePlatePattern('**7??').source).toBe('*7??');
    expect(compilePlatePattern('AB??12')).toMatchObject({ minLength: 6, maxLength: 6, keyPrefix: 'A8' });
    expect(refusalId(() => compilePlatePattern('-- '))).toBe('plate_pattern_empty');
  });
});

describe('assertPlateQueryNarrowEnough', () => {
  const day = 24 * 3600_000;
  it('refuses fewer than three known characters over a wide scope, with a hint', () => {
    expect(refusalId(() => assertPlateQueryNarrowEnough('A?1*', { fromMs: 0, toMs: 30 * day }))).toBe('plate_pattern_too_broad');
    try {
      assertPlateQueryNarrowEnough('*', {});
    } catch (e) {
      expect(String((e as Error).message)).toMatch(/at least 3/);
    }
  });
  it('allows three known characters anywhere, or fewer within a narrow time or place', () => {
    expect(assertPlateQueryNarrowEnough('A?1*7', {}).knownChars).toBe(3);
    expect(assertPlateQueryNarrowEnough('A*', { fromMs: 0, toMs: day }).knownChars).toBe(1);
    expect(assertPlateQueryNarrowEnough('A*', { cameraCount: 3 }).knownChars).toBe(1);
    expect(assertPlateQueryNarrowEnough('A*', { areaM2: 500_000 }).knownChars).toBe(1);
    expect(isNarrowScope({ fromMs: 0, toMs: 2 * day, cameraCount: 50, areaM2: 5e6 })).toBe(false);
  });
});

describe('planPlateQuery', () => {
  const wide = { fromMs: 0, toMs: 30 * 24 * 3600_000 };
  it('plans exact, fuzzy and pattern lookups with graders', () => {
    const exact = planPlateQuery('ab1 c2d', { scope: wide });
    expect(exact).toMatchObject({ kind: 'exact', plate: 'AB1C2D', keys: ['A81C20'] });
    expect(exact.grade('AB1C2D')?.quality).toBe('exact');
    expect(exact.grade('A81C2D')).toBeNull();
    const fuzzy = planPlateQuery('AB1C2D', { fuzzy: true, scope: wide });
    expect(fuzzy.kind === 'fuzzy' && fuzzy.keys.includes(plateKey('A81CZD'))).toBe(true);
    expect(fuzzy.grade('A81CZD')?.quality).toBe('confusion');
    expect(fuzzy.grade('AB1C2')?.quality).toBe('one_edit');
    const pattern = planPlateQuery('AB?C*', { scope: wide });
    expect(pattern).toMatchObject({ kind: 'pattern', keyRange: { gte: 'A8', lt: 'A8~' } });
    expect(pattern.grade('ABXC9')?.quality).toBe('exact');
    expect(pattern.grade('A8XC9')?.quality).toBe('confusion');
    expect(pattern.grade('XBXC9')).toBeNull();
    expect(planPlateQuery('*12C', { scope: wide })).toMatchObject({ kind: 'pattern', keyRange: null });
  });
  it('applies the too-broad refusal to every kind', () => {
    expect(refusalId(() => planPlateQuery('A?', { scope: wide }))).toBe('plate_pattern_too_broad');
    expect(refusalId(() => planPlateQuery('AB', { fuzzy: true, scope: wide }))).toBe('plate_pattern_too_broad');
    expect(planPlateQuery('AB', { scope: { cameraCount: 2 } }).kind).toBe('exact');
  });
});
