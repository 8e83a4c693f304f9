import { invalid } from '@camnet/core';
import type { LatLon } from '@camnet/core';
import type { EventBus } from '../../events/event-bus.ts';
import type { Camera } from '../cameras/camera.ts';
import type { CameraStore } from '../cameras/camera.store.ts';
import { createCameraIndex, type CameraHit, type CameraIndex } from './camera-index.ts';

/** A ranked camera as the RTCC sees it (no stream URL, no owner details). */
export interface NearestCamera {
  id: string;
  name: string;
  lat: number;
  lon: number;
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
  status: Camera['status'];
  sharingMode: Camera['sharingMode'];
  lastFrameAt: string | null;
  distanceM: number;
  offAxisDeg: number;
  covers: boolean;
  rank: number;
}

/** Covering cameras (ranked) and nearby cameras whose cone misses the point (shown apart). */
export interface NearestResult {
  point: LatLon;
  covering: NearestCamera[];
  nearby: NearestCamera[];
}

export type NearestService = ReturnType<typeof createNearestService>;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Presents one index hit. */
export function presentHit(h: CameraHit, rank: number): NearestCamera {
  const c = h.camera as Camera;
  return {
    id: c.id, name: c.name, lat: c.lat, lon: c.lon, headingDeg: c.headingDeg, fovDeg: c.fovDeg, rangeM: c.rangeM, status: c.status,
    sharingMode: c.sharingMode, lastFrameAt: c.lastFrameAt ?? null, distanceM: round1(h.distanceM), offAxisDeg: round1(h.offAxisDeg), covers: h.covers, rank,
  };
}

/**
 * One in-memory camera index per hub, built from the registry on first use (or `warm()`) and kept current
 * from the bus (`camera.changed` re-reads the camera, `camera.removed` drops it).
 */
export function createNearestService({ cameras, bus }: { cameras: CameraStore; bus: EventBus }) {
  let loading: Promise<CameraIndex> | null = null;
  const load = async (): Promise<CameraIndex> => {
    const all: Camera[] = [];
    for (let after: string | undefined; ;) {
      const page = await cameras.list({}, { afterId: after, limit: 2000 });
      all.push(...page);
      if (page.length < 2000) break;
      after = page[page.length - 1]!.id;
    }
    return createCameraIndex(all);
  };
  const index = () => (loading ??= load());
  const unsubscribe = [
    bus.subscribe('camera.changed', async ({ cameraId }) => {
      if (!loading) return; // not built yet: the first build reads the current registry
      const [idx, c] = await Promise.all([index(), cameras.findById(cameraId)]);
      if (c) idx.upsert(c);
      else idx.remove(cameraId);
    }),
    bus.subscribe('camera.removed', async ({ cameraId }) => {
      if (loading) (await index()).remove(cameraId);
    }),
  ];

  return {
    /** Builds the index now (at start, after a demo seed) so the first call does not pay for it. */
    async warm(): Promise<number> {
      return (await index()).size;
    },

    /** Top `k` covering cameras, and up to `limit` within `radiusM` whose cone misses. */
    async nearest(point: LatLon, opts: { k?: number; radiusM?: number; nearbyLimit?: number } = {}): Promise<NearestResult> {
      if (!(Math.abs(point.lat) <= 90 && Math.abs(point.lon) <= 180)) throw invalid('position_invalid', 'lat must be within ±90 and lon within ±180.');
      const idx = await index();
      const covering = idx.covering(point, opts.k ?? 10).map((h, i) => presentHit(h, i + 1));
      const nearby = idx.nearby(point, opts.radiusM ?? 46, opts.nearbyLimit ?? 20).map((h, i) => presentHit(h, i + 1));
      return { point, covering, nearby };
    },

    stop(): void {
      for (const u of unsubscribe) u();
    },
  };
}
