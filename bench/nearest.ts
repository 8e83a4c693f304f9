/**
 * Nearest-camera benchmark (issue 6): top-10 covering cameras among 40,000 synthetic cameras,
 * in-process, against a brute-force scan in the same run.
 * Run: `npx tsx bench/nearest.ts --json [--cameras 40000] [--queries 20000]`.
 */
import { coneContains, createRandom, destination, generateNetwork, type LatLon } from '@camnet/core';
import { cameraHit, compareHits, createCameraIndex, defaultEligible, type CameraHit, type IndexedCamera } from '../packages/hub/src/features/nearest/camera-index.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const json = process.argv.includes('--json');
const cameraCount = arg('cameras', 40_000);
const queryCount = arg('queries', 20_000);
const bruteCount = arg('brute-queries', 400);

/** Query points: half inside a random camera's view (≥ 1 hit), half anywhere in the network. */
function queryPoints(cameras: IndexedCamera[], n: number, seed: string): LatLon[] {
  const rnd = createRandom(seed);
  const lats = cameras.map((c) => c.lat);
  const lons = cameras.map((c) => c.lon);
  const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  return Array.from({ length: n }, (_, i) => {
    if (i % 2 === 1) return { lat: minLat + rnd.next() * (maxLat - minLat), lon: minLon + rnd.next() * (maxLon - minLon) };
    const c = rnd.pick(cameras);
    return destination(c, c.headingDeg + (rnd.next() - 0.5) * c.fovDeg * 0.8, 2 + rnd.next() * (c.rangeM - 3));
  });
}

/** The baseline: test every camera's cone (core's `coneContains`), then rank the hits the same way. */
function bruteCovering(cameras: IndexedCamera[], p: LatLon, k: number): string[] {
  const hits: CameraHit[] = [];
  for (const c of cameras) if (defaultEligible(c) && coneContains(c, p)) hits.push(cameraHit(c, p));
  return hits.sort(compareHits).slice(0, k).map((h) => h.camera.id);
}

function time<T>(points: LatLon[], f: (p: LatLon) => T): { us: number[]; out: T[] } {
  const us: number[] = [];
  const out: T[] = [];
  for (const p of points) {
    const t0 = process.hrtime.bigint();
    out.push(f(p));
    us.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return { us, out };
}

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const r1 = (x: number) => Math.round(x * 10) / 10;

const cameras: IndexedCamera[] = generateNetwork({ seed: 'bench-nearest', cameras: cameraCount }).cameras;
const buildStart = process.hrtime.bigint();
const index = createCameraIndex(cameras);
const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
const rebuildStart = process.hrtime.bigint();
index.flush(); // what a full batch of registry changes costs the writer
const rebuildMs = Number(process.hrtime.bigint() - rebuildStart) / 1e6;
const points = queryPoints(cameras, queryCount, 'bench-nearest-queries');
time(points.slice(0, 2000), (p) => index.covering(p, 10)); // warm-up (JIT)
const indexed = time(points, (p) => index.covering(p, 10));
const nearby = time(points, (p) => index.nearby(p, 46, 50)); // Chicago's "within 150 ft", cones that miss
const brutePoints = points.slice(0, bruteCount);
time(brutePoints.slice(0, 50), (p) => bruteCovering(cameras, p, 10));
const brute = time(brutePoints, (p) => bruteCovering(cameras, p, 10));
const agree = brutePoints.every((_, i) => brute.out[i]!.join() === indexed.out[i]!.map((h) => h.camera.id).join());
const withHits = indexed.out.filter((h) => h.length > 0).length;

const result = {
  bench: 'nearest',
  cameras: cameras.length,
  queries: points.length,
  queriesWithHits: withHits,
  buildMs: r1(buildMs),
  rebuildMs: r1(rebuildMs),
  p50Us: r1(pct(indexed.us, 0.5)),
  p99Us: r1(pct(indexed.us, 0.99)),
  nearby46mP50Us: r1(pct(nearby.us, 0.5)),
  nearby46mP99Us: r1(pct(nearby.us, 0.99)),
  bruteQueries: brutePoints.length,
  bruteP50Us: r1(pct(brute.us, 0.5)),
  bruteP99Us: r1(pct(brute.us, 0.99)),
  resultsAgreeWithBruteForce: agree,
  // TODO(issue 6, API slice): HTTP p99 of GET nearest under concurrent load, filled by the routes' owner.
  apiP99Ms: null as number | null,
  target: { p99Us: 100, apiP99Ms: 10 },
};
if (json) console.log(JSON.stringify(result));
else console.table(result);
