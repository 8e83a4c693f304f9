/**
 * In-memory nearest-camera index for the RTCC: which cameras can see a point, ranked, in microseconds.
 *
 * Structure: cameras are split into range buckets (≤ 30 m, ≤ 60 m, … ≤ 1000 m) with one static
 * kdbush tree each, so a query searches each bucket only as far as its longest-reaching camera can
 * see; one long-range camera does not widen every search. Each bucket answers a lat/lon box query
 * (kdbush `range`: no per-node allocation; ~3x faster than a `geokdbush.around` walk here), with
 * geokdbush's great-circle walk as the fallback near the poles and the antimeridian. The exact
 * distance and field-of-view test run on those few candidates only.
 *
 * Updates: kdbush trees are immutable, so changes go to a small overlay (upserted cameras, scanned
 * linearly) plus tombstones (ids to skip in the trees). When the overlay reaches `batchSize`
 * (default 256) the writer rebuilds all trees (~20 ms for 40,000 cameras, bench/nearest.ts). Trade-off: writes are
 * O(1) and visible at once; queries pay a linear scan of at most `batchSize` overlay cameras; the
 * rebuild cost lands on the (rare) write that fills the batch, never on a query.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { angleDiffDeg, bearingDeg, distanceM, type CameraStatus, type LatLon, type SharingMode } from '@camnet/core';

/** What the index needs to know about a camera (a registry camera row fits). */
export interface IndexedCamera extends LatLon {
  id: string;
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
  status: CameraStatus;
  sharingMode: SharingMode;
}

/** One ranked camera: its distance, how far off its axis the point lies, whether its cone covers it. */
export interface CameraHit {
  camera: IndexedCamera;
  distanceM: number;
  offAxisDeg: number;
  covers: boolean;
  /** Lower is better, in metre-equivalents; online cameras always rank before the rest. */
  score: number;
}

/** Ranking weights: metres per degree off axis and a metre penalty per sharing mode. */
export interface RankWeights {
  metresPerDegreeOffAxis: number;
  sharingPenaltyM: Readonly<Record<SharingMode, number>>;
}

/** Defaults: 30° off axis counts like 15 m further; `live` beats `alarm_only` beats `on_request`. */
export const DEFAULT_RANK_WEIGHTS: RankWeights = {
  metresPerDegreeOffAxis: 0.5,
  sharingPenaltyM: { live: 0, alarm_only: 5, on_request: 15, none: 40 },
};

/** The index's operations; `covering` and `nearby` never rebuild. */
export interface CameraIndex {
  /** Cameras whose cone contains `point` within their range, best first, at most `k`. */
  covering(point: LatLon, k?: number): CameraHit[];
  /** Cameras within `radiusM` whose cone misses `point`: online first, then nearest; at most `limit`. */
  nearby(point: LatLon, radiusM: number, limit?: number): CameraHit[];
  upsert(camera: IndexedCamera): void;
  remove(id: string): void;
  /** Folds the overlay into the trees now (e.g. after a bulk import). */
  flush(): void;
  readonly size: number;
}

/** Options: overlay size before a rebuild, ranking weights, and which cameras may be offered at all. */
export interface CameraIndexOptions {
  batchSize?: number;
  weights?: RankWeights;
  /** Default: not `disabled` and not `pending_attestation` (only attested public-view cameras). */
  eligible?: (c: IndexedCamera) => boolean;
}

const RANGE_BUCKETS_M = [30, 60, 120, 250, 500, 1000, Infinity];

interface Bucket {
  maxRangeM: number;
  tree: KDBush;
  cameras: IndexedCamera[];
}

/** Only attested, enabled cameras are offered (DESIGN.md §1: public-space cameras only). */
export const defaultEligible = (c: IndexedCamera) => c.status !== 'disabled' && c.status !== 'pending_attestation';

/** Builds one kdbush tree per non-empty range bucket. */
function buildBuckets(cameras: Iterable<IndexedCamera>): Bucket[] {
  const groups = RANGE_BUCKETS_M.map(() => [] as IndexedCamera[]);
  for (const c of cameras) groups[RANGE_BUCKETS_M.findIndex((b) => c.rangeM <= b)]!.push(c);
  return groups.flatMap((list) => {
    if (list.length === 0) return [];
    const tree = new KDBush(list.length);
    for (const c of list) tree.add(c.lon, c.lat);
    tree.finish();
    return [{ maxRangeM: list.reduce((m, c) => Math.max(m, c.rangeM), 0), tree, cameras: list }];
  });
}

/** Creates an index over `cameras`; see the file header for the update trade-off. */
export function createCameraIndex(cameras: Iterable<IndexedCamera> = [], opts: CameraIndexOptions = {}): CameraIndex {
  const batchSize = opts.batchSize ?? 256;
  const weights = opts.weights ?? DEFAULT_RANK_WEIGHTS;
  const eligible = opts.eligible ?? defaultEligible;
  const all = new Map<string, IndexedCamera>();
  for (const c of cameras) all.set(c.id, c);
  let buckets = buildBuckets(all.values());
  let inTrees = new Set(all.keys());
  let overlay = new Map<string, IndexedCamera>();
  let tombstones = new Set<string>();

  const flush = () => {
    buckets = buildBuckets(all.values());
    inTrees = new Set(all.keys());
    overlay = new Map();
    tombstones = new Set();
  };
  const afterWrite = () => {
    if (overlay.size + tombstones.size >= batchSize) flush();
  };

  /** Eligible cameras within `radiusFor(range)` of `p`, from the trees (minus tombstones) and the overlay. */
  const candidates = (p: LatLon, radiusFor: (rangeM: number) => number, keep: (h: CameraHit) => boolean): CameraHit[] => {
    const out: CameraHit[] = [];
    for (const b of buckets) {
      const ids = within(b.tree, p, radiusFor(b.maxRangeM));
      for (const i of ids) {
        const c = b.cameras[i]!;
        if (tombstones.has(c.id) || !eligible(c)) continue;
        const h = cameraHit(c, p, weights);
        if (keep(h)) out.push(h);
      }
    }
    for (const c of overlay.values()) {
      if (!eligible(c)) continue;
      const h = cameraHit(c, p, weights);
      if (h.distanceM <= radiusFor(c.rangeM) && keep(h)) out.push(h);
    }
    return out;
  };

  return {
    covering: (p, k = 10) => candidates(p, (rangeM) => rangeM, (h) => h.covers).sort(compareHits).slice(0, k),
    nearby: (p, radiusM, limit = 50) => candidates(p, () => radiusM, (h) => !h.covers && h.distanceM <= radiusM).sort(compareNearby).slice(0, limit),
    upsert(c) {
      if (inTrees.has(c.id)) tombstones.add(c.id);
      all.set(c.id, c);
      overlay.set(c.id, c);
      afterWrite();
    },
    remove(id) {
      if (!all.delete(id)) return;
      overlay.delete(id);
      if (inTrees.has(id)) tombstones.add(id);
      afterWrite();
    },
    flush,
    get size() {
      return all.size;
    },
  };
}

/** How camera `c` relates to point `p`: distance, angle off axis, cone coverage and ranking score. */
export function cameraHit(c: IndexedCamera, p: LatLon, weights: RankWeights = DEFAULT_RANK_WEIGHTS): CameraHit {
  const d = distanceM(c, p);
  const offAxisDeg = d < 1 || c.fovDeg >= 360 ? 0 : angleDiffDeg(bearingDeg(c, p), c.headingDeg);
  const covers = d <= c.rangeM && offAxisDeg <= c.fovDeg / 2;
  const score = d + weights.metresPerDegreeOffAxis * offAxisDeg + weights.sharingPenaltyM[c.sharingMode];
  return { camera: c, distanceM: d, offAxisDeg, covers, score };
}

const M_PER_DEG = (6_371_008.8 * Math.PI) / 180;

/**
 * Tree items within `radiusM` of `p` (a superset; callers test exactly). A lat/lon box query is
 * allocation-light and covers city-scale radii; near a pole or the antimeridian, where a box is not
 * a box, it falls back to geokdbush's great-circle walk.
 */
function within(tree: KDBush, p: LatLon, radiusM: number): number[] {
  const dLat = (radiusM / M_PER_DEG) * 1.001;
  const cos = Math.cos((Math.abs(p.lat) + dLat) * (Math.PI / 180));
  const dLon = cos > 0.01 ? dLat / cos : Infinity;
  if (p.lon - dLon < -180 || p.lon + dLon > 180) return around(tree, p.lon, p.lat, Infinity, radiusM / 1000);
  return tree.range(p.lon - dLon, p.lat - dLat, p.lon + dLon, p.lat + dLat);
}

const tier = (h: CameraHit) => (h.camera.status === 'online' ? 0 : 1);
const byId = (a: CameraHit, b: CameraHit) => (a.camera.id < b.camera.id ? -1 : a.camera.id > b.camera.id ? 1 : 0);

/** Covering order: online cameras first; then by score; ties by id so results are stable. */
export function compareHits(a: CameraHit, b: CameraHit): number {
  return tier(a) - tier(b) || a.score - b.score || byId(a, b);
}

/** Nearby order (cones that miss, so the angle says little): online first, then distance. */
function compareNearby(a: CameraHit, b: CameraHit): number {
  return tier(a) - tier(b) || a.distanceM - b.distanceM || byId(a, b);
}
