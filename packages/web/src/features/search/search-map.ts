/** The search map: cameras, hits, a drawn search area and a journey path, on Leaflet (offline grid when no tiles). */
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import '../map/map.css';
import { useSession } from '../../app/session.tsx';
import { CameraLayer } from '../map/camera-layer.ts';
import { boundsOf } from '../map/map-data.ts';
import { useCameraMap } from '../map/use-camera-map.ts';
import type { Journey, SearchHit } from './search-api.ts';

export interface SearchMapState {
  hits: SearchHit[];
  selectedId: string | null;
  journey: Journey | null;
  area: [number, number][] | null;
  drawing: [number, number][] | null;
}

/** Mounts the map in `host` and keeps its layers in step with `state`; map clicks go to `onClick` as [lon, lat]. */
export function useSearchMap(host: React.RefObject<HTMLDivElement | null>, state: SearchMapState, onClick: (p: [number, number]) => void, onSelect: (id: string) => void) {
  const { config } = useSession();
  const [map, setMap] = useState<L.Map | null>(null);
  const [cameras, setCameras] = useState<CameraLayer | null>(null);
  const overlay = useRef<L.LayerGroup | null>(null);
  const handlers = useRef({ onClick, onSelect });
  handlers.current = { onClick, onSelect };
  const { data } = useCameraMap();
  const tileUrl = config?.mapTileUrl ?? null;

  useEffect(() => {
    const m = L.map(host.current!, { zoomControl: false, preferCanvas: true, attributionControl: !!tileUrl, zoomAnimation: false });
    m.setView([38.59, -90.24], 15);
    L.control.zoom({ position: 'bottomright' }).addTo(m);
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(m);
    const gridColour = getComputedStyle(document.documentElement).getPropertyValue('--map-grid').trim() || '#243041';
    const layer = new CameraLayer(m, { grid: !tileUrl, gridColour, onSelect: () => {} });
    m.on('click', (e: L.LeafletMouseEvent) => handlers.current.onClick([Math.round(e.latlng.lng * 1e6) / 1e6, Math.round(e.latlng.lat * 1e6) / 1e6]));
    overlay.current = L.layerGroup().addTo(m);
    setMap(m);
    setCameras(layer);
    return () => {
      layer.destroy();
      m.remove();
    };
  }, [host, tileUrl]);

  useEffect(() => {
    if (!cameras || !map || !data) return;
    cameras.setData(data.cameras, data.index);
    const b = boundsOf(data.cameras);
    if (b) map.fitBounds(b, { padding: [20, 20], maxZoom: 16 });
  }, [cameras, map, data]);

  useEffect(() => {
    const g = overlay.current;
    if (!g || !map) return;
    g.clearLayers();
    const ring = state.drawing ?? state.area;
    if (ring && ring.length) {
      const latlngs = ring.map(([lon, lat]) => L.latLng(lat, lon));
      (state.drawing ? L.polyline(latlngs, { color: '#ffd23f', dashArray: '6 4' }) : L.polygon(latlngs, { color: '#ffd23f', weight: 2, fillOpacity: 0.08 })).addTo(g);
      for (const p of latlngs) L.circleMarker(p, { radius: 3, color: '#ffd23f' }).addTo(g);
    }
    for (const h of state.hits) {
      if (h.lat === null || h.lon === null) continue;
      const selected = h.id === state.selectedId;
      L.circleMarker([h.lat, h.lon], { radius: selected ? 10 : 7, color: selected ? '#fff' : '#ff3b30', weight: 2, fillColor: '#ff3b30', fillOpacity: 0.7 })
        .bindTooltip(`${h.colour ?? ''} ${h.type} ${h.plate ?? ''} ${new Date(h.startedAt).toLocaleTimeString()}`).on('click', () => handlers.current.onSelect(h.id)).addTo(g);
    }
    if (state.journey && state.journey.path.geometry.coordinates.length) {
      const path = state.journey.path.geometry.coordinates.map(([lon, lat]) => L.latLng(lat, lon));
      const line = L.polyline(path, { color: '#4fc3f7', weight: 4 }).addTo(g);
      state.journey.sightings.forEach((s, i) => s.lat !== null && L.marker([s.lat, s.lon!], { icon: L.divIcon({ className: 'journey-stop', html: String(i + 1) }) }).addTo(g));
      map.fitBounds(line.getBounds(), { padding: [40, 40], maxZoom: 17 });
    }
  }, [map, state]);

  return { tileUrl };
}
