import type { Camera, MapRow } from './camera.ts';

export interface CameraFilter {
  siteId?: string;
  memberId?: string;
  status?: string;
  q?: string;
}

/**
 * An area on the map. A camera is in it when it lies inside the [lon, lat] ring (even-odd rule, planar in degrees,
 * the ring closed implicitly) and within every circle (great-circle metres on the mean-radius sphere).
 */
export interface CameraArea {
  polygon?: readonly (readonly [number, number])[];
  circles?: readonly { lat: number; lon: number; radiusM: number }[];
}

/** Cameras. `insertMany` is all-or-nothing. */
export interface CameraStore {
  insert(camera: Camera): Promise<void>;
  insertMany(cameras: Camera[]): Promise<void>;
  findById(id: string): Promise<Camera | null>;
  list(filter: CameraFilter, page: { afterId?: string; limit: number }): Promise<Camera[]>;
  /** Every camera (optionally one member's) in the compact map form. */
  mapRows(filter: { memberId?: string }): Promise<MapRow[]>;
  /** Ids (sorted) of the cameras in the area, answered by the database; null when this database cannot (no PostGIS): filter `mapRows` in memory then. */
  camerasInArea(area: CameraArea): Promise<string[] | null>;
  update(id: string, patch: Partial<Omit<Camera, 'id' | 'createdAt'>>): Promise<void>;
  delete(id: string): Promise<void>;
}
