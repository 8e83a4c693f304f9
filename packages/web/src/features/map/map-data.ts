/** The compact camera table from /cameras/map, decoded once into objects and a supercluster index. */
import Supercluster from 'supercluster';
import type { CameraMapTable, CameraStatus } from '../../api/types.ts';

export interface MapCamera {
  id: string;
  lat: number;
  lon: number;
  headingDeg: number;
  fovDeg: number;
  rangeM: number;
  status: CameraStatus;
  sharingMode: string;
  name: string;
}

/** Per-cluster tallies by status, summed by supercluster's map/reduce. */
export interface StatusCounts {
  online: number;
  offline: number;
  pending: number;
  disabled: number;
}

export type ClusterProps = StatusCounts & { i: number };
export type CameraIndex = Supercluster<{ i: number }, StatusCounts>;

/** At this zoom and above every camera is drawn on its own (with its cone); below it, clusters. */
export const CLUSTER_MAX_ZOOM = 16;

export function decodeCameraTable(table: CameraMapTable): MapCamera[] {
  const col = (name: string) => table.fields.indexOf(name);
  const c = {
    id: col('id'), lat: col('lat'), lon: col('lon'), headingDeg: col('headingDeg'), fovDeg: col('fovDeg'),
    rangeM: col('rangeM'), status: col('status'), sharingMode: col('sharingMode'), name: col('name'),
  };
  const out: MapCamera[] = [];
  // Number(null) is 0: a missing position must drop the row, not put a camera off the coast of Africa.
  const num = (v: unknown) => (v === null || v === undefined || v === '' ? NaN : Number(v));
  for (const r of table.rows) {
    const lat = num(r[c.lat]);
    const lon = num(r[c.lon]);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    out.push({
      id: String(r[c.id]),
      lat,
      lon,
      headingDeg: Number(r[c.headingDeg] ?? 0),
      fovDeg: Number(r[c.fovDeg] ?? 90),
      rangeM: Number(r[c.rangeM] ?? 40),
      status: String(r[c.status] ?? 'offline') as CameraStatus,
      sharingMode: String(r[c.sharingMode] ?? 'none'),
      name: String(r[c.name] ?? ''),
    });
  }
  return out;
}

function tally(status: CameraStatus): StatusCounts {
  return {
    online: status === 'online' ? 1 : 0,
    offline: status === 'offline' ? 1 : 0,
    pending: status === 'pending_attestation' ? 1 : 0,
    disabled: status === 'disabled' ? 1 : 0,
  };
}

export function buildIndex(cameras: MapCamera[]): CameraIndex {
  const index: CameraIndex = new Supercluster<{ i: number }, StatusCounts>({
    // supercluster measures in 512-px tiles; Leaflet's are 256 px, so this keeps centres ~40 px apart.
    radius: 80,
    maxZoom: CLUSTER_MAX_ZOOM - 1,
    map: (p) => tally(cameras[p.i]!.status),
    reduce: (acc, p) => {
      acc.online += p.online;
      acc.offline += p.offline;
      acc.pending += p.pending;
      acc.disabled += p.disabled;
    },
  });
  index.load(
    cameras.map((cam, i) => ({ type: 'Feature' as const, properties: { i }, geometry: { type: 'Point' as const, coordinates: [cam.lon, cam.lat] } })),
  );
  return index;
}

export function countByStatus(cameras: MapCamera[]): StatusCounts {
  const out: StatusCounts = { online: 0, offline: 0, pending: 0, disabled: 0 };
  for (const c of cameras) {
    const t = tally(c.status);
    out.online += t.online;
    out.offline += t.offline;
    out.pending += t.pending;
    out.disabled += t.disabled;
  }
  return out;
}

/** [[south, west], [north, east]] around every camera, or null when there are none. */
export function boundsOf(cameras: MapCamera[]): [[number, number], [number, number]] | null {
  if (cameras.length === 0) return null;
  let s = 90, w = 180, n = -90, e = -180;
  for (const c of cameras) {
    if (c.lat < s) s = c.lat;
    if (c.lat > n) n = c.lat;
    if (c.lon < w) w = c.lon;
    if (c.lon > e) e = c.lon;
  }
  return [[s, w], [n, e]];
}
