/** A live tile: the camera's latest snapshot refreshed every few seconds (until live video arrives), with health and latency always visible. */
import { useEffect, useRef, useState } from 'react';
import { snapshotUrl, type RankedCamera } from './rtcc-api.ts';
import { ago, useNow } from './use-live-feed.ts';

const REFRESH_MS = 3000;

/** Whether the owner's sharing lets the crime centre see this camera now (alarm-only counts during an incident). */
export function sharesLive(c: Pick<RankedCamera, 'sharingMode'>, duringIncident: boolean): boolean {
  return c.sharingMode === 'live' || (duringIncident && c.sharingMode === 'alarm_only');
}

const FOOTAGE_LABEL: Record<string, string> = {
  clip_requested: 'Pre-roll clip requested',
  clip_unavailable: 'Pre-roll clip not available yet',
  request_needed: 'Footage request needed (owner decides)',
  not_shared: 'Owner does not share this camera',
};

interface Frame {
  src: string;
  loadedAt: number;
  latencyMs: number;
}

/** Preloads each refresh off-screen and swaps it in when it has loaded, so the tile never flashes blank. */
function useSnapshots(cameraId: string, enabled: boolean, incidentId?: string): { frame: Frame | null; failing: boolean } {
  const [frame, setFrame] = useState<Frame | null>(null);
  const [failing, setFailing] = useState(false);
  const busy = useRef(false);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    const tick = () => {
      if (busy.current || stopped) return;
      busy.current = true;
      const started = performance.now();
      const img = new Image();
      const src = snapshotUrl(cameraId, Date.now(), incidentId);
      img.onload = () => {
        busy.current = false;
        if (stopped) return;
        setFrame({ src, loadedAt: Date.now(), latencyMs: Math.round(performance.now() - started) });
        setFailing(false);
      };
      img.onerror = () => {
        busy.current = false;
        if (!stopped) setFailing(true);
      };
      img.src = src;
    };
    tick();
    const t = setInterval(tick, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(t);
    };
  }, [cameraId, enabled, incidentId]);
  return { frame, failing };
}

export function CameraTile({ camera, incidentId, selected, onSelect, large }: { camera: RankedCamera; incidentId?: string; selected?: boolean; onSelect?: () => void; large?: boolean }) {
  const live = sharesLive(camera, !!incidentId);
  const { frame, failing } = useSnapshots(camera.id, live, incidentId);
  const now = useNow(1000);
  const age = frame ? now - frame.loadedAt : null;
  const stale = age !== null && age > 3 * REFRESH_MS;
  const health = camera.status === 'online' ? (failing ? 'warn' : 'ok') : 'bad';
  return (
    <figure className={`tile${selected ? ' tile--selected' : ''}${large ? ' tile--large' : ''}`} data-camera-id={camera.id} aria-label={`Camera ${camera.rank}: ${camera.name}`}>
      <button type="button" className="tile__view" onClick={onSelect} aria-pressed={selected} title="Select this camera">
        {live && frame ? <img src={frame.src} alt={`Latest picture from ${camera.name}`} /> : null}
        {!live ? <span className="tile__placeholder">{FOOTAGE_LABEL[camera.footage ?? ''] ?? (camera.sharingMode === 'on_request' ? 'Shared on request only' : 'Not shared live')}</span> : null}
        {live && !frame ? <span className="tile__placeholder">{failing ? 'No picture from this camera' : 'Connecting…'}</span> : null}
      </button>
      <figcaption className="tile__caption">
        <span className="tile__rank" aria-label={`rank ${camera.rank}`}>{camera.rank}</span>
        <span className="tile__name" title={camera.name}>{camera.name}</span>
        <span className="tile__meta">
          <span className={`dot dot--${health}`} aria-hidden="true" />
          {camera.status === 'online' ? 'Online' : camera.status === 'offline' ? 'Offline' : camera.status}
          {' · '}
          {Math.round(camera.distanceM)} m{camera.covers ? '' : ' (view misses)'}
          {live ? <> · <span className={stale ? 'tile__stale' : undefined}>{frame ? `${frame.latencyMs} ms, ${ago(age ?? 0)}` : failing ? 'no picture' : '…'}</span></> : null}
        </span>
        {camera.footage && live ? <span className="tile__footage">{FOOTAGE_LABEL[camera.footage]}</span> : null}
      </figcaption>
    </figure>
  );
}
