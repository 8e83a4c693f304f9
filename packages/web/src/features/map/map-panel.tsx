/** The panel over the map: health counts (also the legend), find a camera, and the selected camera. */
import { useMemo, useState } from 'react';
import type { LiveState } from '../../api/live.ts';
import { Link } from '../../app/router.tsx';
import { useSignedIn } from '../../app/session.tsx';
import { ErrorBanner } from '../../ui/feedback.tsx';
import { STATUS_LABEL } from '../../ui/format.tsx';
import { sharingLabel } from '../cameras/sharing.ts';
import { describeView } from '../my-cameras/view-sketch.tsx';
import { STATUS_COLOUR } from './camera-draw.ts';
import { countByStatus } from './map-data.ts';
import type { CameraMapData } from './use-camera-map.ts';

interface Props {
  data: CameraMapData | null;
  error: unknown;
  live: LiveState;
  selected: number | null;
  onFocus(i: number): void;
  onClose(): void;
  onRetry(): void;
}

const LIVE_TEXT: Record<LiveState, string> = { open: 'Live', connecting: 'Connecting…', closed: 'Reconnecting…' };

export function MapPanel({ data, error, live, selected, onFocus, onClose, onRetry }: Props) {
  const [q, setQ] = useState('');
  const counts = useMemo(() => (data ? countByStatus(data.cameras) : null), [data]);
  const matches = useMemo(() => {
    const needle = q.trim().toLowerCase();
    if (!data || needle.length < 2) return [];
    const out: number[] = [];
    for (let i = 0; i < data.cameras.length && out.length < 8; i++) if (data.cameras[i]!.name.toLowerCase().includes(needle)) out.push(i);
    return out;
  }, [data, q]);
  const cam = selected !== null ? data?.cameras[selected] : undefined;
  const { user } = useSignedIn();

  return (
    <section className="map-panel" aria-label="Map tools">
      <div className="map-panel__status">
        <p className="map-panel__total">
          {data ? `${data.cameras.length.toLocaleString()} cameras` : 'Loading cameras…'}
        </p>
        <span className={`live live--${live}`}>{LIVE_TEXT[live]}</span>
      </div>
      <ErrorBanner error={error} onRetry={onRetry} />
      {counts && (
        <ul className="legend" aria-label="Cameras by status">
          {([['online', counts.online], ['offline', counts.offline], ['pending_attestation', counts.pending], ['disabled', counts.disabled]] as const).map(([s, n]) => (
            <li key={s}>
              <span className="legend__swatch" style={{ background: STATUS_COLOUR[s] }} aria-hidden="true" />
              {STATUS_LABEL[s]}: <strong>{n.toLocaleString()}</strong>
            </li>
          ))}
        </ul>
      )}
      <label className="field map-panel__search">
        <span>Find a camera</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Camera name" />
      </label>
      {matches.length > 0 && (
        <ul className="map-results" aria-label="Matching cameras">
          {matches.map((i) => (
            <li key={data!.cameras[i]!.id}>
              <button type="button" className="map-results__item" onClick={() => onFocus(i)}>
                <span className="legend__swatch" style={{ background: STATUS_COLOUR[data!.cameras[i]!.status] }} aria-hidden="true" />
                {data!.cameras[i]!.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {q.trim().length >= 2 && matches.length === 0 && data && <p className="muted small">No camera is called that.</p>}
      {data && data.cameras.length === 0 && <p className="muted small">No cameras yet. Add a site and a camera, or import a file.</p>}
      {cam && (
        <div className="map-selected" aria-live="polite" data-testid="selected-camera">
          <div className="row map-selected__head">
            <h2>{cam.name}</h2>
            <button type="button" className="button button--ghost button--small" onClick={onClose} aria-label="Close camera details">
              ✕
            </button>
          </div>
          <p>
            <span className={`badge badge--${cam.status}`}>{STATUS_LABEL[cam.status] ?? cam.status}</span> · {sharingLabel(cam.sharingMode)}
          </p>
          <p className="small">{describeView(cam)}</p>
          <p className="muted small">
            {cam.lat.toFixed(5)}, {cam.lon.toFixed(5)}
          </p>
          {user.role !== 'patrol' && (
            <Link href={`/cameras/${encodeURIComponent(cam.id)}`} className="button button--secondary button--small">
              Open camera: live view and recording
            </Link>
          )}
        </div>
      )}
    </section>
  );
}
