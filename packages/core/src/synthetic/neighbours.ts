/** Nearby-camera look-up for synthetic trips: a coarse grid hash, memoised per camera. */
import { bearingDeg, distanceM, type LatLon } from '../geo.ts';
import type { VehicleEventSource } from '../vehicle-event.ts';

/** The camera fields event generation needs (a `SyntheticCamera` fits). */
export interface EventCamera extends LatLon {
  id: string;
  headingDeg?: number;
  arterial?: boolean;
  source?: VehicleEventSource;
}

/** A camera a vehicle could drive to next. */
export interface Neighbour {
  camera: EventCamera;
  distanceM: number;
  bearingDeg: number;
}

const CELL_DEG = 0.005; // ~550 m north–south
const MIN_HOP_M = 60;
const MAX_HOP_M = 700;
const MAX_NEIGHBOURS = 6;

/** Returns a function giving each camera's up-to-6 nearest cameras 60–700 m away. */
export function createNeighbourFinder(cameras: readonly EventCamera[]): (c: EventCamera) => Neighbour[] {
  const cells = new Map<string, EventCamera[]>();
  const cellOf = (lat: number, lon: number) => `${Math.floor(lat / CELL_DEG)}:${Math.floor(lon / CELL_DEG)}`;
  for (const c of cameras) {
    const key = cellOf(c.lat, c.lon);
    const list = cells.get(key);
    if (list) list.push(c);
    else cells.set(key, [c]);
  }
  const memo = new Map<string, Neighbour[]>();
  return (c) => {
    const hit = memo.get(c.id);
    if (hit) return hit;
    const found: Neighbour[] = [];
    const [ci, cj] = [Math.floor(c.lat / CELL_DEG), Math.floor(c.lon / CELL_DEG)];
    for (let di = -1; di <= 1; di++) {
      for (let dj = -1; dj <= 1; dj++) {
        for (const o of cells.get(`${ci + di}:${cj + dj}`) ?? []) {
          const d = distanceM(c, o);
          if (d >= MIN_HOP_M && d <= MAX_HOP_M) found.push({ camera: o, distanceM: d, bearingDeg: bearingDeg(c, o) });
        }
      }
    }
    const nearest = found.sort((a, b) => a.distanceM - b.distanceM).slice(0, MAX_NEIGHBOURS);
    memo.set(c.id, nearest);
    return nearest;
  };
}
