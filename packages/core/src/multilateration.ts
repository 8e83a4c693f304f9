/**
 * Gunshot localisation by time difference of arrival (TDOA).
 *
 * Model: sensor i at s_i hears the impulse at t_i = t0 + |p − s_i| / c. The unknowns are the source
 * p (east/north metres in a local tangent frame centred on the sensors) and the emission time t0;
 * differencing is implicit, so no reference sensor is privileged. Levenberg–Marquardt minimises the
 * residuals weighted by each sensor's clock quality, from several starts (centroid, each sensor,
 * a ring around the array), and keeps the best. The covariance σ²(JᵀWJ)⁻¹ gives the uncertainty.
 * Degenerate geometry (near-collinear sensors) is refused, never answered with a wrong point.
 */
import { invalid } from './errors.ts';
import type { LatLon } from './geo.ts';

/** One sensor's report of one impulse: `clockSigmaMs` is its timing quality (default 1 ms); `confidence` (0..1, default 1) scales its weight. */
export interface ArrivalReport extends LatLon {
  sensorId: string;
  arrivalMs: number;
  clockSigmaMs?: number;
  confidence?: number;
}

/** A located impulse: where, when, how sure (metres, 95 %), and how well the arrivals agreed. */
export interface ShotFix extends LatLon {
  emittedMs: number;
  uncertaintyM: number;
  residualRmsMs: number;
  sensors: number;
  speedOfSoundMps: number;
  /** Set when another position fits the arrivals about as well (typical with exactly 3 sensors). */
  alternative: LatLon | null;
  /** Sensors left out as outliers (echoes, blocked paths). */
  rejectedSensorIds: string[];
}

/** Speed of sound in air (m/s) at `temperatureC` (default 20 °C → 343.2 m/s). */
export function speedOfSound(temperatureC = 20): number {
  return 331.3 * Math.sqrt(1 + temperatureC / 273.15);
}

const M_PER_DEG_LAT = (6_371_008.8 * Math.PI) / 180; // the same sphere as geo.ts
type Vec = [number, number];

/** An equirectangular local frame around `origin`: accurate to centimetres over a few km. */
function localFrame(origin: LatLon) {
  const kx = M_PER_DEG_LAT * Math.cos((origin.lat * Math.PI) / 180);
  return {
    toXY: (p: LatLon): Vec => [(p.lon - origin.lon) * kx, (p.lat - origin.lat) * M_PER_DEG_LAT],
    toLatLon: ([x, y]: Vec): LatLon => ({ lat: origin.lat + y / M_PER_DEG_LAT, lon: origin.lon + x / kx }),
  };
}

interface Problem {
  xy: Vec[];
  t: number[]; // seconds, relative to the earliest arrival
  w: number[]; // 1/σ² in 1/s²
  c: number;
}

/** The best t0 for a fixed position (weighted mean), and the weighted squared residual sum. */
function costAt(pb: Problem, p: Vec): { t0: number; cost: number } {
  let sw = 0;
  let swr = 0;
  const travel = pb.xy.map((s) => Math.hypot(p[0] - s[0], p[1] - s[1]) / pb.c);
  pb.t.forEach((ti, i) => {
    sw += pb.w[i]!;
    swr += pb.w[i]! * (ti - travel[i]!);
  });
  const t0 = swr / sw;
  let cost = 0;
  pb.t.forEach((ti, i) => (cost += pb.w[i]! * (ti - t0 - travel[i]!) ** 2));
  return { t0, cost };
}

/** Normal equations JᵀWJ (3×3, row-major) and JᵀWr for unknowns (x, y, t0). */
function normalEquations(pb: Problem, x: number, y: number, t0: number) {
  const A = new Array<number>(9).fill(0);
  const g = [0, 0, 0];
  pb.xy.forEach((s, i) => {
    const d = Math.max(Math.hypot(x - s[0], y - s[1]), 1e-6);
    const J = [(x - s[0]) / d / pb.c, (y - s[1]) / d / pb.c, 1];
    const r = pb.t[i]! - (t0 + d / pb.c);
    const w = pb.w[i]!;
    for (let a = 0; a < 3; a++) {
      g[a]! += w * J[a]! * r;
      for (let b = 0; b < 3; b++) A[a * 3 + b]! += w * J[a]! * J[b]!;
    }
  });
  return { A, g };
}

/** Inverse of a 3×3 matrix (row-major), or null when singular. */
function invert3(m: number[]): number[] | null {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-30) return null;
  const inv = [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d];
  return inv.map((v) => v / det);
}

/** Levenberg–Marquardt from one start; returns the final position and cost. */
function solveFrom(pb: Problem, start: Vec): { p: Vec; cost: number } {
  let p: Vec = [...start];
  let { t0, cost } = costAt(pb, p);
  let lambda = 1e-3;
  for (let iter = 0; iter < 100 && lambda < 1e12; iter++) {
    const { A, g } = normalEquations(pb, p[0], p[1], t0);
    const damped = A.map((v, k) => (k % 4 === 0 ? v * (1 + lambda) : v));
    const inv = invert3(damped);
    if (!inv) break;
    const step = [0, 1, 2].map((r) => inv[r * 3]! * g[0]! + inv[r * 3 + 1]! * g[1]! + inv[r * 3 + 2]! * g[2]!);
    const trial: Vec = [p[0] + step[0]!, p[1] + step[1]!];
    const next = costAt(pb, trial);
    if (next.cost < cost) {
      const converged = Math.hypot(step[0]!, step[1]!) < 1e-4;
      p = trial;
      ({ t0, cost } = next);
      lambda = Math.max(lambda / 10, 1e-9);
      if (converged) break;
    } else lambda *= 10;
  }
  return { p, cost };
}

/** The smaller/larger principal spreads (metres) of the sensor layout. */
function layoutSpread(xy: Vec[]): { minor: number; major: number } {
  const n = xy.length;
  const mx = xy.reduce((s, p) => s + p[0], 0) / n;
  const my = xy.reduce((s, p) => s + p[1], 0) / n;
  let sxx = 0, syy = 0, sxy = 0;
  for (const [x, y] of xy) {
    sxx += (x - mx) ** 2 / n;
    syy += (y - my) ** 2 / n;
    sxy += ((x - mx) * (y - my)) / n;
  }
  const tr = (sxx + syy) / 2;
  const disc = Math.sqrt(Math.max(0, ((sxx - syy) / 2) ** 2 + sxy ** 2));
  return { minor: Math.sqrt(Math.max(0, tr - disc)), major: Math.sqrt(tr + disc) };
}

/** The reports to use: the earliest from each sensor. Refuses fewer than three sensors. */
function distinctSensors(reports: readonly ArrivalReport[]): ArrivalReport[] {
  const first = new Map<string, ArrivalReport>();
  for (const r of reports) if (!first.has(r.sensorId) || r.arrivalMs < first.get(r.sensorId)!.arrivalMs) first.set(r.sensorId, r);
  const out = [...first.values()];
  if (out.length < 3) {
    throw invalid('gunshot_too_few_sensors', `A shot needs reports from at least 3 sensors to be located; got ${out.length}.`, { sensors: out.length });
  }
  return out;
}

/** Starting points: centroid, each sensor, and a ring at twice the array's size. */
function starts(xy: Vec[], major: number): Vec[] {
  const cx = xy.reduce((s, p) => s + p[0], 0) / xy.length;
  const cy = xy.reduce((s, p) => s + p[1], 0) / xy.length;
  const ring = Array.from({ length: 8 }, (_, k): Vec => [cx + 2 * major * Math.cos((k * Math.PI) / 4), cy + 2 * major * Math.sin((k * Math.PI) / 4)]);
  return [[cx, cy], ...xy.map((p): Vec => [p[0] + 1, p[1] + 1]), ...ring];
}

/** A report this many weighted σ off the fit is treated as an echo or a blocked path. */
const OUTLIER_SIGMA = 5;

/**
 * Locates one impulse from ≥ 3 sensors' arrival times. With more than four sensors, the worst
 * outlier (> 5σ: an echo, a blocked path) is dropped and the fit repeated, while more than four
 * remain. Throws `gunshot_too_few_sensors` or `gunshot_geometry_degenerate` (collinear sensors, or a
 * fix too ill-conditioned to trust).
 */
export function locateShot(reports: readonly ArrivalReport[], opts: { temperatureC?: number } = {}): ShotFix {
  let used = distinctSensors(reports);
  const c = speedOfSound(opts.temperatureC);
  const rejectedSensorIds: string[] = [];
  let fit = fitSensors(used, c);
  while (used.length > 4 && fit.worst.sigmas > OUTLIER_SIGMA) {
    rejectedSensorIds.push(used[fit.worst.index]!.sensorId);
    used = used.filter((_, i) => i !== fit.worst.index);
    fit = fitSensors(used, c);
  }
  return { ...fit.fix, rejectedSensorIds };
}

/** One least-squares fit over `used`, with its worst residual in weighted σ. */
function fitSensors(used: ArrivalReport[], c: number): { fix: Omit<ShotFix, 'rejectedSensorIds'>; worst: { index: number; sigmas: number } } {
  const frame = localFrame({ lat: used.reduce((s, r) => s + r.lat, 0) / used.length, lon: used.reduce((s, r) => s + r.lon, 0) / used.length });
  const xy = used.map((r) => frame.toXY(r));
  const { minor, major } = layoutSpread(xy);
  if (major < 1 || minor < Math.max(1, 0.02 * major)) {
    throw invalid('gunshot_geometry_degenerate', 'The reporting sensors lie (nearly) on one line, so the shot position is ambiguous; no fix was made.', { minorSpreadM: minor, majorSpreadM: major });
  }
  const tMin = Math.min(...used.map((r) => r.arrivalMs));
  const weight = (r: ArrivalReport) => Math.max(0.05, r.confidence ?? 1) / ((r.clockSigmaMs ?? 1) / 1000) ** 2;
  const pb: Problem = { xy, c, t: used.map((r) => (r.arrivalMs - tMin) / 1000), w: used.map(weight) };
  const fits = starts(xy, major).map((s) => solveFrom(pb, s));
  const best = fits.reduce((a, b) => (b.cost < a.cost ? b : a));
  const { t0 } = costAt(pb, best.p);
  const uncertaintyM = positionUncertainty(pb, best.p, t0, best.cost);
  if (!Number.isFinite(uncertaintyM) || uncertaintyM > 10 * major + 1000) {
    throw invalid('gunshot_geometry_degenerate', 'The sensor geometry cannot pin this shot down; no fix was made.', { uncertaintyM });
  }
  // A rival minimum within one χ² unit and clearly elsewhere means the arrivals do not decide.
  const rival = fits.find((f) => f.cost <= best.cost + 1 && Math.hypot(f.p[0] - best.p[0], f.p[1] - best.p[1]) > Math.max(10, uncertaintyM));
  const sigmas = pb.t.map((ti, i) => Math.abs(ti - t0 - Math.hypot(best.p[0] - xy[i]![0], best.p[1] - xy[i]![1]) / c) * Math.sqrt(pb.w[i]!));
  const worst = sigmas.reduce((w, x, i) => (x > w.sigmas ? { index: i, sigmas: x } : w), { index: 0, sigmas: -1 });
  const residualRmsMs = Math.sqrt(best.cost / pb.w.reduce((s, w) => s + w, 0)) * 1000;
  const fix = { ...frame.toLatLon(best.p), emittedMs: tMin + t0 * 1000, uncertaintyM, residualRmsMs, sensors: used.length, speedOfSoundMps: c, alternative: rival ? frame.toLatLon(rival.p) : null };
  return { fix, worst };
}

/** 95 % radius (metres) from the covariance, inflated when residuals exceed the stated clock quality. */
function positionUncertainty(pb: Problem, p: Vec, t0: number, cost: number): number {
  const inv = invert3(normalEquations(pb, p[0], p[1], t0).A);
  if (!inv) return Infinity;
  const dof = pb.t.length - 3;
  const scale = dof > 0 ? Math.max(1, cost / dof) : 1;
  const [vxx, vxy, vyy] = [inv[0]! * scale, inv[1]! * scale, inv[4]! * scale];
  const lambdaMax = (vxx + vyy) / 2 + Math.sqrt(((vxx - vyy) / 2) ** 2 + vxy ** 2);
  return 2.448 * Math.sqrt(Math.max(0, lambdaMax));
}

/**
 * Splits a stream of reports into impulses: a report joins the earliest open group that started
 * within `windowMs` (default 3 s ≈ 1 km of sound travel) and has no report from its sensor yet.
 */
export function groupImpulseReports<T extends Pick<ArrivalReport, 'sensorId' | 'arrivalMs'>>(reports: readonly T[], opts: { windowMs?: number } = {}): T[][] {
  const windowMs = opts.windowMs ?? 3000;
  const groups: { start: number; sensors: Set<string>; items: T[] }[] = [];
  let firstOpen = 0; // groups start in time order, so closed ones form a prefix
  for (const r of [...reports].sort((a, b) => a.arrivalMs - b.arrivalMs)) {
    while (firstOpen < groups.length && r.arrivalMs - groups[firstOpen]!.start > windowMs) firstOpen++;
    let g: (typeof groups)[number] | undefined;
    for (let i = firstOpen; i < groups.length && !g; i++) if (!groups[i]!.sensors.has(r.sensorId)) g = groups[i];
    if (g) {
      g.sensors.add(r.sensorId);
      g.items.push(r);
    } else groups.push({ start: r.arrivalMs, sensors: new Set([r.sensorId]), items: [r] });
  }
  return groups.map((g) => g.items);
}
