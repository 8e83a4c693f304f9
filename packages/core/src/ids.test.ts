import { describe, expect, it } from 'vitest';
import { newId, newSecret } from './ids.ts';

describe('ids', () => {
  it('makes UUIDv7 ids that sort by creation time and do not repeat across pool refills', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => newId(1_700_000_000_000 + i));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // The same millisecond still gives distinct ids (74 random bits each).
    const same = Array.from({ length: 600 }, () => newId(1_700_000_000_000));
    expect(new Set(same).size).toBe(same.length);
    expect(same[0]!.slice(0, 13)).toBe(ids[0]!.slice(0, 13));
  });

  it('makes URL-safe secrets of the requested strength', () => {
    const s = newSecret(32);
    expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret(32)).not.toBe(s);
  });
});
