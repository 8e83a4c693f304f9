/** The live wall: a grid of camera tiles for the crime-centre screens. Follow an incident (its ranked cameras) or pin cameras; switch layouts. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { registryApi } from '../../api/registry.ts';
import { decodeCameraTable, type MapCamera } from '../map/map-data.ts';
import { CameraTile } from '../incidents/camera-tile.tsx';
import { rtccApi, type Incident, type RankedCamera } from '../incidents/rtcc-api.ts';
import { useLiveFeed, type RtccMessage } from '../incidents/use-live-feed.ts';
import '../incidents/rtcc.css';

const LAYOUTS = [2, 3, 4] as const;
const PINS_KEY = 'camnet.wall.pins';

const asRanked = (c: MapCamera, rank: number): RankedCamera => ({
  id: c.id, name: c.name, lat: c.lat, lon: c.lon, headingDeg: c.headingDeg, status: c.status as RankedCamera['status'], sharingMode: c.sharingMode as RankedCamera['sharingMode'],
  lastFrameAt: null, distanceM: 0, offAxisDeg: 0, covers: true, rank,
});

function usePins(): [string[], (id: string) => void] {
  const [pins, setPins] = useState<string[]>(() => JSON.parse(localStorage.getItem(PINS_KEY) ?? '[]') as string[]);
  const toggle = (id: string) => setPins((p) => {
    const next = p.includes(id) ? p.filter((x) => x !== id) : [...p, id];
    localStorage.setItem(PINS_KEY, JSON.stringify(next));
    return next;
  });
  return [pins, toggle];
}

export function WallPage() {
  const [layout, setLayout] = useState<(typeof LAYOUTS)[number]>(3);
  const [cameras, setCameras] = useState<MapCamera[]>([]);
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [follow, setFollow] = useState<string>('latest');
  const [pins, togglePin] = usePins();
  const [query, setQuery] = useState('');

  const loadIncidents = useCallback(() => rtccApi.incidents({ limit: 20 }).then((p) => setIncidents(p.items.filter((i) => i.status !== 'closed')), () => {}), []);
  useEffect(() => {
    void registryApi.cameraMap().then((t) => setCameras(decodeCameraTable(t)), () => {});
    void loadIncidents();
  }, [loadIncidents]);
  const live = useLiveFeed((m: RtccMessage) => {
    if (m.type === 'incident.created' || (m.type === 'incident.changed' && m.change === 'status')) void loadIncidents();
  }, () => void loadIncidents());

  const followed = follow === 'pins' ? null : follow === 'latest' ? incidents[0] : incidents.find((i) => i.id === follow);
  const tiles: RankedCamera[] = useMemo(() => {
    if (followed) return followed.cameras.filter((c) => c.covers);
    return pins.map((id) => cameras.find((c) => c.id === id)).filter((c): c is MapCamera => !!c).map((c, i) => asRanked(c, i + 1));
  }, [followed, pins, cameras]);
  const matches = query.trim().length >= 2 ? cameras.filter((c) => c.name.toLowerCase().includes(query.trim().toLowerCase())).slice(0, 8) : [];

  return (
    <div className="stack">
      <div className="rtcc-bar">
        <h1 style={{ margin: 0 }}>Live wall</h1>
        <span className="live-state" role="status"><span className={`dot dot--${live.state === 'open' ? 'ok' : 'bad'}`} aria-hidden="true" />{live.state === 'open' ? 'Live' : 'Reconnecting…'}</span>
        <label>Show{' '}
          <select value={follow} onChange={(e) => setFollow(e.target.value)}>
            <option value="latest">Follow the latest incident</option>
            {incidents.map((i) => <option key={i.id} value={i.id}>{i.type} · {i.address ?? i.id}</option>)}
            <option value="pins">Pinned cameras ({pins.length})</option>
          </select>
        </label>
        <span role="group" aria-label="Layout">
          {LAYOUTS.map((n) => <button title={n === 2 ? 'Live video (2 frames a second)' : 'Snapshots every few seconds'} key={n} type="button" className="button button--secondary button--small" aria-pressed={layout === n} onClick={() => setLayout(n)}>{n}×{n}</button>)}
        </span>
        <label>Pin a camera <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name…" /></label>
      </div>
      {matches.length > 0 && (
        <ul className="nearby" aria-label="Matching cameras">
          {matches.map((c) => <li key={c.id}><button type="button" className="button button--link" onClick={() => togglePin(c.id)}>{pins.includes(c.id) ? 'Unpin' : 'Pin'} {c.name}</button></li>)}
        </ul>
      )}
      {followed && <p className="muted">Following {followed.type} at {followed.address ?? `${followed.lat.toFixed(5)}, ${followed.lon.toFixed(5)}`}: its cameras, best first.</p>}
      {tiles.length === 0 ? (
        <p className="panel">{follow === 'pins' ? 'No cameras pinned: find one by name above.' : 'No open incident with cameras. New calls appear here at once; or pin cameras.'}</p>
      ) : (
        <div className={`tiles tiles--wall-${layout}`}>
          {tiles.slice(0, layout * layout).map((c) => (
            <div key={c.id} className="stack">
              <CameraTile camera={c} incidentId={followed?.id} stream={layout === 2} />
              {follow === 'pins' && <button type="button" className="button button--ghost button--small" onClick={() => togglePin(c.id)}>Unpin</button>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
