/** Reports that sensors send one by one wait here until their impulse's time window has closed, then are located together. */
import { groupImpulseReports } from '@camnet/core';
import type { ArrivalReport } from '@camnet/core';

/** The pool: `add` reports, `takeSettled(now)` the groups whose window has closed (they leave the pool). */
export interface ArrivalPool {
  add(reports: ArrivalReport[]): void;
  takeSettled(nowMs: number): ArrivalReport[][];
  /** When the earliest open group settles (epoch ms), or null when empty. */
  nextDeadline(): number | null;
  readonly size: number;
}

/** `windowMs`: how far apart one impulse's arrivals may be (3 s ≈ 1 km of sound); `graceMs`: extra wait for late network delivery. */
export function createArrivalPool({ windowMs = 3000, graceMs = 1500 }: { windowMs?: number; graceMs?: number } = {}): ArrivalPool {
  let reports: ArrivalReport[] = [];
  const deadline = (g: ArrivalReport[]) => Math.min(...g.map((r) => r.arrivalMs)) + windowMs + graceMs;
  return {
    add(rs) {
      const seen = new Set(reports.map((r) => `${r.sensorId}@${r.arrivalMs}`));
      for (const r of rs) if (!seen.has(`${r.sensorId}@${r.arrivalMs}`)) reports.push(r); // a retried post adds nothing
    },
    takeSettled(nowMs) {
      const settled = groupImpulseReports(reports, { windowMs }).filter((g) => deadline(g) <= nowMs);
      const taken = new Set(settled.flat());
      reports = reports.filter((r) => !taken.has(r));
      return settled;
    },
    nextDeadline() {
      const groups = groupImpulseReports(reports, { windowMs });
      return groups.length ? Math.min(...groups.map(deadline)) : null;
    },
    get size() {
      return reports.length;
    },
  };
}
