/** A live tile: the camera's latest snapshot refreshed every few seconds (until live video arrives), with health and latency always visible. */
import { useEffect, useRef, useState } from 'react';
import { readMjpeg } from './mjpeg-stream.ts';
import { liveUrl, snapshotUrl, type RankedCamera } from './rtcc-api.ts';
import { ago, useNow } from '../../ui/time.ts';

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
  /** Round trip of the snapshot request (hub → edge → hub → browser). */
  latencyMs: number;
  /** When the edge captured the frame (X-Frame-Taken-At), else when it arrived. */
  takenAt: number;
}

/** Fetches a snapshot every few seconds (never two at once), reads its capture time, and swaps it in when it has arrived. */
function useSnapshots(cameraId: string, enabled: boolean, incidentId?: string): { frame: Frame | null; problem: string | null } {
  const [frame, setFrame] = useState<Frame | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = useRef(false);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let shown: string | null = null;
    const tick = async () => {
      if (busy.current || stopped) return;
      busy.current = true;
      const started = performance.now();
      try {
        const res = await fetch(snapshotUrl(cameraId, Date.now(), incidentId), { credentials: 'same-origin' });
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? `The hub answered ${res.status}.`);
        }
        const takenAt = Date.parse(res.headers.get('x-frame-taken-at') ?? '') || Date.now();
        const src = URL.createObjectURL(await res.blob());
        if (stopped) return URL.revokeObjectURL(src);
        if (shown) URL.revokeObjectURL(shown);
        shown = src;
        setFrame({ src, latencyMs: Math.round(performance.now() - started), takenAt });
        setProblem(null);
      } catch (e) {
        if (!stopped) setProblem(e instanceof Error ? e.message : 'No picture');
      } finally {
        busy.current = false;
      }
    };
    void tick();
    const t = setInterval(() => void tick(), REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(t);
      if (shown) URL.revokeObjectURL(shown);
    };
  }, [cameraId, enabled, incidentId]);
  return { frame, problem };
}

/** Live view over MJPEG (2 fps); on failure it retries after a pause, showing the problem meanwhile. */
function useLiveStream(cameraId: string, enabled: boolean, incidentId?: string): { frame: Frame | null; problem: string | null } {
  const [frame, setFrame] = useState<Frame | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    let shown: string | null = null;
    const run = async () => {
      while (!abort.signal.aborted) {
        const started = performance.now();
        let first = true;
        try {
          await readMjpeg(liveUrl(cameraId, incidentId), abort.signal, (f) => {
            const src = URL.createObjectURL(f.jpeg);
            if (shown) URL.revokeObjectURL(shown);
            shown = src;
            // Latency: the first frame's round trip, then how old each frame is when it arrives.
            setFrame({ src, takenAt: f.takenAt, latencyMs: first ? Math.round(performance.now() - started) : Math.max(0, Date.now() - f.takenAt) });
            first = false;
            setProblem(null);
          });
        } catch (e) {
          if (abort.signal.aborted) return;
          setProblem(e instanceof Error ? e.message : 'No picture');
          await new Promise((r) => setTimeout(r, REFRESH_MS));
        }
      }
    };
    void run();
    return () => {
      abort.abort();
      if (shown) URL.revokeObjectURL(shown);
    };
  }, [cameraId, enabled, incidentId]);
  return { frame, problem };
}

/** `stream`: live MJPEG (for the camera being watched); otherwise a snapshot every few seconds (cheap for the edges). */
export function CameraTile({ camera, incidentId, selected, onSelect, large, note, stream }: { camera: RankedCamera; incidentId?: string; selected?: boolean; onSelect?: () => void; large?: boolean; note?: string | null; stream?: boolean }) {
  const live = sharesLive(camera, !!incidentId);
  const snapshots = useSnapshots(camera.id, live && !stream, incidentId);
  const streamed = useLiveStream(camera.id, live && !!stream, incidentId);
  const { frame, problem } = stream ? streamed : snapshots;
  const failing = problem !== null;
  const now = useNow(1000);
  const age = frame ? now - frame.takenAt : null;
  const stale = age !== null && age > 3 * REFRESH_MS;
  const health = camera.status === 'online' ? (failing ? 'warn' : 'ok') : 'bad';
  return (
    <figure className={`tile${selected ? ' tile--selected' : ''}${large ? ' tile--large' : ''}`} data-camera-id={camera.id} aria-label={`Camera ${camera.rank}: ${camera.name}`}>
      <button type="button" className="tile__view" onClick={onSelect} aria-pressed={selected} title="Select this camera">
        {live && frame ? <img src={frame.src} alt={`Latest picture from ${camera.name}`} /> : null}
        {!live ? <span className="tile__placeholder">{FOOTAGE_LABEL[camera.footage ?? ''] ?? (camera.sharingMode === 'on_request' ? 'Shared on request only' : 'Not shared live')}</span> : null}
        {live && !frame ? <span className="tile__placeholder" title={problem ?? undefined}>{failing ? (camera.status === 'online' ? 'No picture from this camera' : 'Camera offline: no picture') : 'Connecting…'}</span> : null}
      </button>
      <figcaption className="tile__caption">
        <span className="tile__rank" aria-label={`rank ${camera.rank}`}>{camera.rank}</span>
        <span className="tile__name" title={camera.name}>{camera.name}</span>
        <span className="tile__meta">
          <span className={`dot dot--${health}`} aria-hidden="true" />
          {camera.status === 'online' ? 'Online' : camera.status === 'offline' ? 'Offline' : camera.status}
          {' · '}
          {Math.round(camera.distanceM)} m{camera.covers ? '' : ' (view misses)'}
          {live ? <> · <span className={stale ? 'tile__stale' : undefined}>{stream ? 'live · ' : ''}{frame ? `${frame.latencyMs} ms · frame ${ago(age ?? 0)}` : failing ? 'no picture' : '…'}</span></> : null}
        </span>
        {note || (camera.footage && live) ? <span className="tile__footage">{note ?? FOOTAGE_LABEL[camera.footage!]}</span> : null}
      </figcaption>
    </figure>
  );
}
