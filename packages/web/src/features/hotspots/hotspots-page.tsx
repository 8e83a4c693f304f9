/** Hot-spot map: incidents as hexagon bins over the camera map, with type and time filters, a time slider and GeoJSON export. */
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import '../map/map.css';
import '../incidents/rtcc.css';
import { buildUrl } from '../../api/http.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorBanner } from '../../ui/feedback.tsx';
import { CameraLayer } from '../map/camera-layer.ts';
import { useCameraMap } from '../map/use-camera-map.ts';
import { rtccApi, type HexCollection, type HotspotQuery } from '../incidents/rtcc-api.ts';

const DAY = 86_400_000;
/** Colour ramp from cool to hot by share of the busiest bin. */
const ramp = (t: number) => (t > 0.8 ? '#ff3b30' : t > 0.6 ? '#ff7a1a' : t > 0.4 ? '#ffb020' : t > 0.2 ? '#ffd84d' : '#9be15d');

function useFilters() {
  const [types, setTypes] = useState('');
  const [windowDays, setWindowDays] = useState(30);
  const [endDaysAgo, setEndDaysAgo] = useState(0);
  const [cellM, setCellM] = useState(150);
  const end = new Date(Math.ceil(Date.now() / DAY) * DAY - endDaysAgo * DAY);
  const query: HotspotQuery = { types: types.trim() || undefined, from: new Date(end.getTime() - windowDays * DAY).toISOString(), to: end.toISOString(), cellM };
  return { types, setTypes, windowDays, setWindowDays, endDaysAgo, setEndDaysAgo, cellM, setCellM, query, end };
}

export function HotspotsPage() {
  const { config } = useSession();
  const host = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [layer, setLayer] = useState<CameraLayer | null>(null);
  const hexLayer = useRef<L.GeoJSON | null>(null);
  const { data } = useCameraMap();
  const f = useFilters();
  const [result, setResult] = useState<{ incidents: number; geojson: HexCollection } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const tileUrl = config?.mapTileUrl ?? null;
  const key = JSON.stringify(f.query);

  useEffect(() => {
    const m = L.map(host.current!, { zoomControl: false, preferCanvas: true, attributionControl: !!tileUrl, zoomAnimation: false });
    m.setView([38.59, -90.24], 14);
    L.control.zoom({ position: 'bottomright' }).addTo(m);
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(m);
    const gridColour = getComputedStyle(document.documentElement).getPropertyValue('--map-grid').trim() || '#243041';
    const l = new CameraLayer(m, { grid: !tileUrl, gridColour, onSelect: () => {} });
    setMap(m);
    setLayer(l);
    return () => {
      l.destroy();
      m.remove();
    };
  }, [tileUrl]);

  useEffect(() => {
    if (layer && data) layer.setData(data.cameras, data.index);
  }, [layer, data]);

  useEffect(() => {
    const t = setTimeout(() => void rtccApi.hotspots(JSON.parse(key) as HotspotQuery).then((r) => { setResult(r); setError(null); }, setError), 250);
    return () => clearTimeout(t);
  }, [key]);

  useEffect(() => {
    if (!map || !result) return;
    hexLayer.current?.remove();
    const g = L.geoJSON(result.geojson as unknown as GeoJSON.FeatureCollection, {
      style: (feat) => ({ color: ramp(feat?.properties.intensity ?? 0), weight: 1, fillOpacity: 0.45, fillColor: ramp(feat?.properties.intensity ?? 0) }),
      onEachFeature: (feat, lyr) => lyr.bindTooltip(`${feat.properties.count} incident(s): ${Object.entries(feat.properties.types as Record<string, number>).map(([k, v]) => `${k} ${v}`).join(', ')}`),
    }).addTo(map);
    hexLayer.current = g;
    if (result.geojson.features.length) map.fitBounds(g.getBounds(), { padding: [60, 60], maxZoom: 16 });
  }, [map, result]);

  const exportUrl = buildUrl('/hotspots', { ...f.query, format: 'geojson' });
  return (
    <div className="hotspots-page">
      <div ref={host} className={`map${tileUrl ? '' : ' map--plain'}`} role="region" aria-label="Hot-spot map of incidents" />
      <form className="hotspots-panel" onSubmit={(e) => e.preventDefault()} aria-label="Hot-spot filters">
        <h1 style={{ margin: 0, fontSize: '1.2rem' }}>Hot spots</h1>
        {error ? <ErrorBanner error={error} /> : null}
        <label className="field"><span className="field__label">Incident types (comma-separated; empty = all)</span><input value={f.types} onChange={(e) => f.setTypes(e.target.value)} placeholder="Robbery, Shots fired (acoustic)" /></label>
        <label className="field"><span className="field__label">Window: {f.windowDays} days</span>
          <select value={f.windowDays} onChange={(e) => f.setWindowDays(Number(e.target.value))}>{[1, 7, 30, 90, 365].map((d) => <option key={d} value={d}>{d} days</option>)}</select>
        </label>
        <label className="field"><span className="field__label">Ending {f.endDaysAgo === 0 ? 'today' : `${f.endDaysAgo} days ago`} ({f.end.toISOString().slice(0, 10)})</span>
          <input type="range" min={0} max={365} value={f.endDaysAgo} onChange={(e) => f.setEndDaysAgo(Number(e.target.value))} />
        </label>
        <label className="field"><span className="field__label">Hexagon size</span>
          <select value={f.cellM} onChange={(e) => f.setCellM(Number(e.target.value))}>{[75, 150, 300, 600].map((m) => <option key={m} value={m}>{m} m</option>)}</select>
        </label>
        <p className="muted small" role="status">{result ? `${result.incidents} incidents in ${result.geojson.features.length} hexagons` : 'Loading…'}</p>
        <p className="hotspots-legend">Fewer <span style={{ background: ramp(0.1) }} /><span style={{ background: ramp(0.3) }} /><span style={{ background: ramp(0.5) }} /><span style={{ background: ramp(0.7) }} /><span style={{ background: ramp(0.9) }} /> more</p>
        <a className="button button--secondary button--small" href={exportUrl} download="hotspots.geojson">Export GeoJSON</a>
      </form>
    </div>
  );
}
