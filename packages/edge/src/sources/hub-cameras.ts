import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EdgeCameraConfig } from '@camnet/core';
import type { EdgeCamera } from '../config.ts';
import { sourceFromStreamUrl } from './stream-url.ts';

const FILE = 'hub-cameras.json';

/** The hub's camera list as edge cameras; a camera without a usable stream URL is listed with `source: null`. */
export function camerasFromHub(list: readonly EdgeCameraConfig[]): Array<Omit<EdgeCamera, 'source'> & { source: EdgeCamera['source'] | null }> {
  return list.map((c) => ({
    id: c.cameraId,
    name: c.name,
    source: c.streamUrl ? sourceFromStreamUrl(c.streamUrl) : null,
    record: true,
    retentionDays: c.retentionDays,
    privacyMasks: c.privacyMasks,
    maskMode: c.maskMode,
  }));
}

/** Keeps the hub's last camera list (stream URLs are secrets: 0600) so the edge records while the hub is down. */
export function saveHubCameras(dataDir: string, list: readonly EdgeCameraConfig[]): void {
  const tmp = join(dataDir, `${FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(list), { mode: 0o600 });
  renameSync(tmp, join(dataDir, FILE));
}

/** The hub's last camera list, or null if it never sent one. */
export function loadHubCameras(dataDir: string): EdgeCameraConfig[] | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as EdgeCameraConfig[];
  } catch {
    return null;
  }
}
