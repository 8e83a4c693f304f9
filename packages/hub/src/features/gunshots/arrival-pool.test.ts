import { describe, expect, it } from 'vitest';
import { createArrivalPool } from './arrival-pool.ts';

const r = (sensorId: string, arrivalMs: number) => ({ sensorId, arrivalMs, lat: 38.59, lon: -90.24 });

describe('arrival pool', () => {
  it('holds one-by-one reports until the impulse window (plus grace) has closed, then hands the group over once', () => {
    const pool = createArrivalPool({ windowMs: 3000, graceMs: 1000 });
    pool.add([r('a', 10_000)]);
    pool.add([r('b', 10_400), r('a', 10_000)]); // a retry of a adds nothing
    pool.add([r('c', 10_900)]);
    expect(pool.size).toBe(3);
    expect(pool.nextDeadline()).toBe(14_000);
    expect(pool.takeSettled(13_999)).toEqual([]);
    expect(pool.takeSettled(14_000).map((g) => g.map((x) => x.sensorId))).toEqual([['a', 'b', 'c']]);
    expect(pool.size).toBe(0);
    expect(pool.nextDeadline()).toBeNull();
  });

  it('keeps a later impulse waiting while an earlier one settles', () => {
    const pool = createArrivalPool({ windowMs: 3000, graceMs: 0 });
    pool.add([r('a', 0), r('b', 100), r('a', 5000), r('b', 5200)]);
    expect(pool.takeSettled(4000)).toHaveLength(1);
    expect(pool.size).toBe(2);
    expect(pool.nextDeadline()).toBe(8000);
  });
});
