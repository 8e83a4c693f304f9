import type { Camera, MapRow } from './camera.ts';

export interface CameraFilter {
  siteId?: string;
  memberId?: string;
  status?: string;
  q?: string;
}

/** Cameras. `insertMany` is all-or-nothing. */
export interface CameraStore {
  insert(camera: Camera): Promise<void>;
  insertMany(cameras: Camera[]): Promise<void>;
  findById(id: string): Promise<Camera | null>;
  list(filter: CameraFilter, page: { afterId?: string; limit: number }): Promise<Camera[]>;
  /** Every camera (optionally one member's) in the compact map form. */
  mapRows(filter: { memberId?: string }): Promise<MapRow[]>;
  update(id: string, patch: Partial<Omit<Camera, 'id' | 'createdAt'>>): Promise<void>;
  delete(id: string): Promise<void>;
}
