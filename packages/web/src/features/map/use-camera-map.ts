/** Fetches the compact camera table and keeps it fresh from the live feed (debounced refetch). */
import { useCallback, useEffect, useRef, useState } from 'react';
import { connectLive, type LiveState } from '../../api/live.ts';
import { registryApi } from '../../api/registry.ts';
import { buildIndex, decodeCameraTable, type CameraIndex, type MapCamera } from './map-data.ts';

export interface CameraMapData {
  cameras: MapCamera[];
  index: CameraIndex;
  loadedAt: Date;
}

const REFETCH_DEBOUNCE_MS = 2000;

export function useCameraMap(): { data: CameraMapData | null; error: unknown; live: LiveState; reload: () => void } {
  const [data, setData] = useState<CameraMapData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(() => {
    registryApi.cameraMap().then(
      (table) => {
        const t0 = performance.now();
        const cameras = decodeCameraTable(table);
        const index = buildIndex(cameras);
        // Read by the map benchmark: how long decoding and clustering took in this browser.
        performance.measure('camnet.map.index', { start: t0, end: performance.now() });
        setData({ cameras, index, loadedAt: new Date() });
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, []);

  useEffect(() => {
    load();
    const conn = connectLive((m) => {
      if (m.type !== 'camera.changed' && m.type !== 'camera.removed') return;
      clearTimeout(timer.current);
      timer.current = setTimeout(load, REFETCH_DEBOUNCE_MS);
    }, setLive);
    return () => {
      conn.close();
      clearTimeout(timer.current);
    };
  }, [load]);

  return { data, error, live, reload: load };
}
