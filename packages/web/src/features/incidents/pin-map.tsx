/** A small map for dropping a pin when an address is unknown: cameras drawn as on the main map; a click sets the pin. */
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import '../map/map.css';
import { useSession } from '../../app/session.tsx';
import { CameraLayer } from '../map/camera-layer.ts';
import { boundsOf } from '../map/map-data.ts';
import { useCameraMap } from '../map/use-camera-map.ts';

export function PinMap({ pin, onPin }: { pin: { lat: number; lon: number } | null; onPin: (p: { lat: number; lon: number }) => void }) {
  const { config } = useSession();
  const host = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [layer, setLayer] = useState<CameraLayer | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const onPinRef = useRef(onPin);
  onPinRef.current = onPin;
  const { data } = useCameraMap();
  const tileUrl = config?.mapTileUrl ?? null;

  useEffect(() => {
    const m = L.map(host.current!, { zoomControl: true, preferCanvas: true, attributionControl: false, zoomAnimation: false });
    m.setView([38.59, -90.24], 15);
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(m);
    const gridColour = getComputedStyle(document.documentElement).getPropertyValue('--map-grid').trim() || '#243041';
    const l = new CameraLayer(m, { grid: !tileUrl, gridColour, onSelect: () => {} });
    m.on('click', (e: L.LeafletMouseEvent) => onPinRef.current({ lat: Math.round(e.latlng.lat * 1e6) / 1e6, lon: Math.round(e.latlng.lng * 1e6) / 1e6 }));
    setMap(m);
    setLayer(l);
    return () => {
      l.destroy();
      m.remove();
    };
  }, [tileUrl]);

  useEffect(() => {
    if (!layer || !map || !data) return;
    layer.setData(data.cameras, data.index);
    const b = boundsOf(data.cameras);
    if (b && !pin) map.fitBounds(b, { padding: [10, 10], maxZoom: 16 });
    // Only when the cameras first arrive: later pins keep the operator's view.
  }, [layer, map, data]);

  useEffect(() => {
    if (!map) return;
    marker.current?.remove();
    marker.current = pin ? L.circleMarker([pin.lat, pin.lon], { radius: 9, color: '#ffd23f', weight: 3, fillOpacity: 0.3 }).addTo(map) : null;
  }, [map, pin]);

  return <div ref={host} className={`map pin-map${tileUrl ? '' : ' map--plain'}`} role="region" aria-label="Map: click to drop a pin where the incident is" />;
}
