/**
 * Nearest-camera benchmark (issue 6): top-10 covering cameras among 40,000 synthetic cameras,
 * in-process, against a brute-force scan in the same run.
 * `apiP99Ms`: the same network in a real hub (`camnet hub`, its own process) on loopback, GET /api/v1/cameras/nearest
 * with an operator token from 1, `--concurrency` (headline) and 16 clients, `--api-seconds` each (bounded), latency measured at the client.
 * `apiServerP99MsAtMost` reads the hub's own request histogram (/metrics), so client-side queueing is left out; `loadAvg1m`
 * says how busy the machine was. BENCH_PROF=dir writes a CPU profile of the hub process.
 * Run: `npx tsx bench/nearest.ts --json [--cameras 40000] [--queries 20000] [--api-seconds 3] [--concurrency 4] [--no-api]`.
 */
import { coneContains, createRandom, destination, generateNetwork, type LatLon } from '@camnet/core';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubConfigSchema } from '../packages/hub/src/config.ts';
import { composeHub, openHubDatabase } from '../packages/hub/src/main.ts';
import type { Camera } from '../packages/hub/src/features/cameras/camera.ts';
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
const r2 = (x: number) => Math.round(x * 100) / 100;

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

const api = process.argv.includes('--no-api') ? { apiP99Ms: null } : await measureApi(cameras, points);

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
  ...api,
  target: { p99Us: 100, apiP99Ms: 10 },
};
if (json) console.log(JSON.stringify(result));
else console.table(result);

/** Writes the network into a fresh SQLite data dir with an operator and their API token; returns the token. */
async function prepareHubData(dataDir: string, network: IndexedCamera[]): Promise<string> {
  const config = hubConfigSchema.parse({ dataDir });
  const database = await openHubDatabase(config);
  const hub = composeHub(config, database);
  const member = await hub.services.members.create({ name: 'Bench police', kind: 'agency' });
  const user = await hub.services.users.create({ email: 'bench@pd.gov', name: 'Bench', role: 'operator', memberId: member.id, password: 'bench operator password' });
  const now = new Date().toISOString();
  const site = { id: 'bench-site', memberId: member.id, name: 'Bench', address: '1 Bench St', lat: network[0]!.lat, lon: network[0]!.lon, createdAt: now, updatedAt: now };
  await hub.stores.sites.insert(site);
  const rows: Camera[] = network.map((c) => ({
    id: c.id, siteId: site.id, memberId: member.id, edgeId: null, name: c.id, lat: c.lat, lon: c.lon, headingDeg: c.headingDeg, fovDeg: c.fovDeg, rangeM: c.rangeM,
    mountType: 'wall', sharingMode: c.sharingMode, retentionDays: 30, maskMode: 'overlay', privacyMasks: [], streamUrlSealed: null, publicViewAttested: true,
    status: c.status, lastFrameAt: null, pictureCheck: null, createdAt: now, updatedAt: now,
  }));
  await hub.stores.cameras.insertMany(rows);
  const { token } = await hub.services.tokens.create(user.id, { name: 'bench', role: 'operator' });
  await hub.bus.close();
  await database.close();
  return token;
}

/** Starts `camnet hub` on the prepared data dir (its own process, SQLite, log level warn) and waits until it answers. */
async function startHubProcess(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : []), 'packages/cli/bin/camnet.js', 'hub', '--data-dir', dataDir, '--port', '0'], { env: { ...process.env, CAMNET_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const stop = () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM'))));
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
    if (url && (await fetch(`${url}/healthz`).then((r) => r.ok, () => false))) return { url, stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`camnet hub did not start:\n${out}`);
}

/** Concurrent GET /api/v1/cameras/nearest at several concurrency levels, each for a bounded time; latency measured at the client. */
async function measureApi(network: IndexedCamera[], queryPoints: LatLon[]) {
  const seconds = arg('api-seconds', 3);
  const headline = arg('concurrency', 4);
  const levels = [...new Set([1, headline, 16])].sort((a, b) => a - b);
  const dataDir = mkdtempSync(join(tmpdir(), 'camnet-bench-nearest-'));
  let hub: Awaited<ReturnType<typeof startHubProcess>> | null = null;
  try {
    const token = await prepareHubData(dataDir, network);
    hub = await startHubProcess(dataDir);
    const url = hub.url;
    let n = 0;
    const run = async (concurrency: number, forMs: number) => {
      const ms: number[] = [];
      let failures = 0;
      const end = Date.now() + forMs;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (Date.now() < end) {
          const p = queryPoints[n++ % queryPoints.length]!;
          const t0 = performance.now();
          const res = await fetch(`${url}/api/v1/cameras/nearest?lat=${p.lat}&lon=${p.lon}&k=10`, { headers: { authorization: `Bearer ${token}` } });
          await res.arrayBuffer();
          if (res.ok) ms.push(performance.now() - t0);
          else failures++;
        }
      }));
      return { concurrency, requests: ms.length, failures, rps: Math.round(ms.length / (forMs / 1000)), p50Ms: r2(pct(ms, 0.5)), p99Ms: r2(pct(ms, 0.99)) };
    };
    await run(2, 1000); // warm-up: JIT, connections, SQLite pages
    const byConcurrency = [];
    let serverP99MsAtMost: number | null = null;
    for (const c of levels) {
      const before = await nearestHistogram(url);
      byConcurrency.push(await run(c, seconds * 1000));
      if (c === headline) serverP99MsAtMost = histogramP99(before, await nearestHistogram(url));
    }
    const main = byConcurrency.find((r) => r.concurrency === headline)!;
    return {
      apiConcurrency: headline, apiP50Ms: main.p50Ms, apiP99Ms: main.p99Ms, apiRps: main.rps, apiServerP99MsAtMost: serverP99MsAtMost,
      apiFailures: byConcurrency.reduce((s, r) => s + r.failures, 0), apiByConcurrency: byConcurrency, loadAvg1m: r2(loadavg()[0]!), cpus: cpus().length,
    };
  } finally {
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Cumulative bucket counts of the hub's own request-duration histogram for the nearest route (from /metrics). */
async function nearestHistogram(url: string): Promise<Map<number, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out = new Map<number, number>();
  for (const m of text.matchAll(/^camnet_http_request_seconds_bucket\{le="([^"]+)",method="GET",route="\/api\/v1\/cameras\/nearest",status="200"\} (\d+)$/gm)) {
    const le = m[1] === '+Inf' ? Infinity : Number(m[1]);
    out.set(le, (out.get(le) ?? 0) + Number(m[2]));
  }
  return out;
}

/** The smallest histogram bound (ms) under which 99 % of the requests between two snapshots finished (server time, no client queueing). */
function histogramP99(before: Map<number, number>, after: Map<number, number>): number | null {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (!total) return null;
  const le = bounds.find((b) => (after.get(b) ?? 0) - (before.get(b) ?? 0) >= 0.99 * total);
  return le === undefined || le === Infinity ? null : le * 1000;
}
