import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors.ts';
import { destination, distanceM, type LatLon } from './geo.ts';
import { groupImpulseReports, locateShot, speedOfSound, type ArrivalReport } from './multilateration.ts';
import { createRandom, type Random } from './synthetic/random.ts';

const centre: LatLon = { lat: 38.59, lon: -90.24 };
const c = speedOfSound(20);

/** Arrivals at `sensors` from a shot at `shot` fired at t=1e12 ms, with Gaussian clock noise. */
function arrivals(sensors: LatLon[], shot: LatLon, rnd: Random, noiseMs: number): ArrivalReport[] {
  return sensors.map((s, i) => ({ ...s, sensorId: `s${i}`, arrivalMs: 1e12 + (distanceM(s, shot) / c) * 1000 + rnd.normal(0, noiseMs), clockSigmaMs: noiseMs || 1 }));
}

/** Sensors scattered over a ~1.2 km square (a typical acoustic array spacing of ~400 m). */
function scatter(rnd: Random, n: number): LatLon[] {
  return Array.from({ length: n }, () => destination(destination(centre, 90, rnd.next() * 1200 - 600), 0, rnd.next() * 1200 - 600));
}

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isDomainError(e) ? e.id : String(e);
  }
  return 'no refusal';
};

describe('locateShot', () => {
  it('locates a noiseless shot to centimetres and reports its emission time', () => {
    const rnd = createRandom(1);
    const shot = destination(centre, 40, 150);
    const fix = locateShot(arrivals(scatter(rnd, 5), shot, rnd, 0));
    expect(distanceM(fix, shot)).toBeLessThan(0.05);
    expect(fix.emittedMs).toBeCloseTo(1e12, 1);
    expect(fix.alternative).toBeNull();
  });

  it('has median error ≤ 10 m over many trials with 4–6 sensors and 1 ms timing noise', () => {
    const rnd = createRandom('gunshot-trials');
    const errors: number[] = [];
    let covered = 0;
    for (let trial = 0; trial < 400; trial++) {
      const shot = destination(destination(centre, 90, rnd.next() * 800 - 400), 0, rnd.next() * 800 - 400);
      const sensors = scatter(rnd, rnd.int(4, 7));
      try {
        const fix = locateShot(arrivals(sensors, shot, rnd, 1));
        const err = distanceM(fix, shot);
        errors.push(err);
        if (err <= fix.uncertaintyM) covered++;
      } catch (e) {
        if (!isDomainError(e) || e.id !== 'gunshot_geometry_degenerate') throw e;
      }
    }
    errors.sort((a, b) => a - b);
    const median = errors[Math.floor(errors.length / 2)]!;
    const p90 = errors[Math.floor(errors.length * 0.9)]!;
    console.log(`gunshot TDOA: ${errors.length} fixes, median error ${median.toFixed(2)} m, p90 ${p90.toFixed(2)} m, within stated 95% radius ${((100 * covered) / errors.length).toFixed(0)}%`);
    expect(errors.length).toBeGreaterThan(380);
    expect(median).toBeLessThanOrEqual(10);
    expect(covered / errors.length).toBeGreaterThan(0.85);
  });

  it('uses the temperature for the speed of sound', () => {
    const rnd = createRandom(2);
    const shot = destination(centre, 200, 100);
    const sensors = scatter(rnd, 5).map((s, i) => ({ ...s, sensorId: `s${i}`, arrivalMs: (distanceM(s, shot) / speedOfSound(-10)) * 1000 }));
    expect(distanceM(locateShot(sensors, { temperatureC: -10 }), shot)).toBeLessThan(0.05);
    expect(speedOfSound(-10)).toBeLessThan(speedOfSound(30));
  });

  it('solves exactly three sensors, flagging a second fitting point when there is one', () => {
    const rnd = createRandom(5);
    const tri = [0, 120, 240].map((b) => destination(centre, b, 400));
    for (const shot of [destination(centre, 10, 50), destination(centre, 100, 700)]) {
      const fix = locateShot(arrivals(tri, shot, rnd, 0));
      const best = Math.min(distanceM(fix, shot), fix.alternative ? distanceM(fix.alternative, shot) : Infinity);
      expect(best).toBeLessThan(0.5);
    }
  });

  it('drops a late echo from one of six sensors and still locates the shot', () => {
    const rnd = createRandom(6);
    const shot = destination(centre, 300, 120);
    const reports = arrivals(scatter(rnd, 6), shot, rnd, 1);
    reports[2] = { ...reports[2]!, arrivalMs: reports[2]!.arrivalMs + 60 };
    const fix = locateShot(reports);
    expect(fix.rejectedSensorIds).toEqual(['s2']);
    expect(distanceM(fix, shot)).toBeLessThan(10);
    expect(fix.sensors).toBe(5);
  });

  it('refuses two reports, or three from one sensor repeated', () => {
    const rnd = createRandom(3);
    const reports = arrivals(scatter(rnd, 2), centre, rnd, 1);
    expect(refusal(() => locateShot(reports))).toBe('gunshot_too_few_sensors');
    const echoes = [0, 5, 9].map((dt) => ({ ...reports[0]!, arrivalMs: reports[0]!.arrivalMs + dt }));
    expect(refusal(() => locateShot([...echoes, reports[1]!]))).toBe('gunshot_too_few_sensors');
  });

  it('refuses collinear sensors rather than return a wrong point', () => {
    const rnd = createRandom(4);
    const line = [0, 150, 320, 500, 700].map((d) => destination(centre, 63, d));
    expect(refusal(() => locateShot(arrivals(line, destination(centre, 150, 200), rnd, 1)))).toBe('gunshot_geometry_degenerate');
    const nearlyLine = line.map((p, i) => destination(p, 153, i % 2 ? 2 : 0));
    expect(refusal(() => locateShot(arrivals(nearlyLine, destination(centre, 150, 200), rnd, 1)))).toBe('gunshot_geometry_degenerate');
  });
});

describe('groupImpulseReports', () => {
  it('splits reports into impulses by time window, one report per sensor each', () => {
    const r = (sensorId: string, arrivalMs: number) => ({ sensorId, arrivalMs });
    const groups = groupImpulseReports([r('a', 0), r('b', 800), r('a', 400), r('c', 1200), r('b', 1100), r('a', 9000), r('b', 9300)], { windowMs: 2000 });
    expect(groups.map((g) => g.map((x) => `${x.sensorId}@${x.arrivalMs}`))).toEqual([
      ['a@0', 'b@800', 'c@1200'],
      ['a@400', 'b@1100'],
      ['a@9000', 'b@9300'],
    ]);
  });
});
