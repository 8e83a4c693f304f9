/** The map of every camera: cones and status colours, clusters when zoomed out; tiles only if configured. */
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { useSession } from '../../app/session.tsx';
import { CameraLayer } from './camera-layer.ts';
import { boundsOf } from './map-data.ts';
import { MapPanel } from './map-panel.tsx';
import { useCameraMap } from './use-camera-map.ts';

declare global {
  interface Window {
    /** Read by the browser tests and the map benchmark. */
    camnetMap?: { map: L.Map; layer: CameraLayer };
  }
}

export function MapPage() {
  const { config } = useSession();
  const host = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [layer, setLayer] = useState<CameraLayer | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const { data, error, live, reload } = useCameraMap();
  const fitted = useRef(false);
  const tileUrl = config?.mapTileUrl ?? null;

  useEffect(() => {
    const m = L.map(host.current!, { minZoom: 2, maxZoom: 19, zoomControl: false, zoomAnimation: false, fadeAnimation: false, preferCanvas: true, worldCopyJump: false, attributionControl: !!tileUrl });
    m.setView([20, 0], 2);
    L.control.zoom({ position: 'bottomright' }).addTo(m);
    L.control.scale({ position: 'bottomright', imperial: false }).addTo(m);
    m.attributionControl?.setPrefix('Leaflet');
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19, attribution: 'Map tiles: network configuration' }).addTo(m);
    const gridColour = getComputedStyle(document.documentElement).getPropertyValue('--map-grid').trim() || '#243041';
    const l = new CameraLayer(m, { grid: !tileUrl, gridColour, onSelect: setSelected });
    window.camnetMap = { map: m, layer: l };
    setMap(m);
    setLayer(l);
    const ro = new ResizeObserver(() => m.invalidateSize());
    ro.observe(host.current!);
    return () => {
      ro.disconnect();
      l.destroy();
      m.remove();
      delete window.camnetMap;
      fitted.current = false;
    };
  }, [tileUrl]);

  useEffect(() => {
    if (!layer || !map || !data) return;
    layer.setData(data.cameras, data.index);
    const b = boundsOf(data.cameras);
    if (b && !fitted.current) {
      fitted.current = true;
      // Keep the cameras clear of the panel: on the left on wide screens, along the bottom on phones.
      const phone = map.getSize().x < 760;
      map.fitBounds(b, { paddingTopLeft: phone ? [20, 20] : [360, 40], paddingBottomRight: phone ? [60, 240] : [60, 40], maxZoom: 17 });
    }
  }, [layer, map, data]);

  useEffect(() => layer?.select(selected), [layer, selected]);

  const focus = (i: number) => {
    const cam = data?.cameras[i];
    if (!cam || !map) return;
    setSelected(i);
    map.setView([cam.lat, cam.lon], 18);
  };

  return (
    <div className="map-page">
      <h1 className="visually-hidden">Camera map</h1>
      <div
        ref={host}
        className={`map${tileUrl ? '' : ' map--plain'}`}
        role="region"
        aria-label="Map of cameras (drag or use the arrow keys to move; the panel lists and finds cameras)"
        data-cameras={data?.cameras.length ?? 0}
      />
      <MapPanel data={data} error={error} live={live} selected={selected} onFocus={focus} onClose={() => setSelected(null)} onRetry={reload} />
    </div>
  );
}
