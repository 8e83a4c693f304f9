/**
 * The live picture: MJPEG through the hub in an <img>, with its delay measured by an occasional snapshot (an <img>
 * cannot read the parts' X-Frame-Taken-At). Before streaming, a snapshot checks that the edge is connected and that
 * sharing allows it, so a refusal is explained in plain words instead of a broken image.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { recordingsApi } from '../../api/recordings.ts';
import type { Camera, Member, Role } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { sharingLabel } from '../cameras/sharing.ts';
import { ago, useNow } from '../../ui/time.ts';

/** How often the delay is measured while the picture streams (each check is one audited snapshot). */
const CHECK_MS = 30_000;
/** How soon a failed check is retried (the edge may come back). */
const RETRY_MS = 15_000;

interface Problem {
  status: number;
  id: string;
  message: string;
}

type State =
  | { kind: 'checking' }
  | { kind: 'live'; delayMs: number; checkedAt: number; nonce: number }
  | { kind: 'problem'; problem: Problem; at: number }
  | { kind: 'paused' };

/** One snapshot: the delay between capture (edge clock) and arrival, or the hub's refusal. */
async function checkOnce(cameraId: string): Promise<{ delayMs: number } | Problem> {
  try {
    const res = await fetch(recordingsApi.snapshotUrl(cameraId, Date.now()), { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { id?: string; message?: string } } | null;
      return { status: res.status, id: body?.error?.id ?? `http_${res.status}`, message: body?.error?.message ?? `The hub answered ${res.status}.` };
    }
    await res.arrayBuffer();
    const takenAt = Date.parse(res.headers.get('x-frame-taken-at') ?? '');
    return { delayMs: Number.isFinite(takenAt) ? Math.max(0, Date.now() - takenAt) : 0 };
  } catch {
    return { status: 0, id: 'network_unreachable', message: 'Could not reach the hub. Check the connection.' };
  }
}

export const LIVE_ROLES: readonly Role[] = ['admin', 'operator', 'investigator', 'owner'];

export function LiveTile({ camera, role, owner, isOwn }: { camera: Camera; role: Role; owner: Member | null; isOwn: boolean }) {
  const allowedRole = LIVE_ROLES.includes(role);
  const recordable = camera.publicViewAttested && camera.status !== 'disabled' && camera.hasStreamUrl;
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const now = useNow(1000);
  const stateRef = useRef(state);
  stateRef.current = state;

  const retry = useCallback(() => setAttempt((a) => a + 1), []);

  // Check, then stream; re-check periodically (delay) or after a failure (recovery). Pauses while the tab is hidden.
  useEffect(() => {
    if (!allowedRole || !recordable) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      if (stopped) return;
      if (document.visibilityState === 'hidden') return setState({ kind: 'paused' });
      const r = await checkOnce(camera.id);
      if (stopped) return;
      if ('delayMs' in r) {
        setState((s) => ({ kind: 'live', delayMs: r.delayMs, checkedAt: Date.now(), nonce: s.kind === 'live' ? s.nonce : Date.now() }));
        timer = setTimeout(() => void run(), CHECK_MS);
      } else {
        setState({ kind: 'problem', problem: r, at: Date.now() });
        // A refusal by sharing will not change by itself; the edge coming back will.
        if (r.id !== 'sharing_does_not_allow' && r.status !== 403) timer = setTimeout(() => void run(), RETRY_MS);
      }
    };
    const onVisibility = () => {
      clearTimeout(timer);
      if (document.visibilityState === 'hidden') setState({ kind: 'paused' });
      else void run();
    };
    setState({ kind: 'checking' });
    void run();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [camera.id, camera.status, allowedRole, recordable, attempt]);

  const onStreamError = () => {
    if (stateRef.current.kind === 'live') setState({ kind: 'problem', problem: { status: 0, id: 'stream_ended', message: 'The live picture stopped.' }, at: Date.now() });
    setTimeout(retry, 2000);
  };

  let body: ReactNode;
  let caption: ReactNode = null;
  if (!allowedRole) {
    body = <Placeholder title="Live view is for the camera’s owner and the crime centre">Your role sees the recording timeline below, not the picture.</Placeholder>;
  } else if (!camera.publicViewAttested) {
    body = (
      <Placeholder title="Not recording yet">
        The owner has not yet confirmed that this camera sees public space only.{' '}
        {isOwn && <Link href="/my-cameras">Confirm it on My cameras</Link>}
      </Placeholder>
    );
  } else if (camera.status === 'disabled') {
    body = <Placeholder title="This camera is turned off">It is not recorded and has no live picture.</Placeholder>;
  } else if (!camera.hasStreamUrl) {
    body = <Placeholder title="No stream address is set">Without it the edge cannot record this camera. An installer or admin can add it.</Placeholder>;
  } else if (state.kind === 'checking') {
    body = <Placeholder title="Connecting to the camera…" />;
  } else if (state.kind === 'paused') {
    body = <Placeholder title="Paused while this tab is hidden" />;
  } else if (state.kind === 'problem') {
    body = <ProblemView problem={state.problem} camera={camera} owner={owner} role={role} onRetry={retry} />;
    // A refusal by sharing is the owner's choice, not a fault: no alarm colour for it.
    caption =
      state.problem.id === 'sharing_does_not_allow' ? null : <span className="cd-live__state cd-live__state--bad">No live picture · tried {ago(now - state.at)}</span>;
  } else {
    body = <MjpegImage src={recordingsApi.liveUrl(camera.id, { fps: 2, nonce: state.nonce })} alt={`Live picture from ${camera.name}`} onBroken={onStreamError} />;
    const slow = state.delayMs > 5000;
    caption = (
      <span className={`cd-live__state${slow ? ' cd-live__state--warn' : ''}`}>
        <span className="cd-live__dot" aria-hidden="true" /> Live · picture about {(state.delayMs / 1000).toFixed(1)} s behind
        <span className="muted"> (measured {ago(now - state.checkedAt)})</span>
      </span>
    );
  }

  return (
    <figure className="cd-live" aria-label="Live view" data-state={state.kind}>
      <div className="cd-live__view">{body}</div>
      <figcaption className="cd-live__caption">
        {caption ?? <span className="muted">{sharingLabel(camera.sharingMode)}</span>}
      </figcaption>
    </figure>
  );
}

/**
 * An <img> showing a multipart MJPEG stream. Removing the element does not end its request in Chromium, and each open
 * stream holds one of the browser's six connections to the hub, so the stream is ended explicitly (src cleared).
 */
function MjpegImage({ src, alt, onBroken }: { src: string; alt: string; onBroken: () => void }) {
  const ref = useRef<HTMLImageElement>(null);
  const broken = useRef(onBroken);
  broken.current = onBroken;
  useEffect(() => {
    const img = ref.current;
    if (!img) return;
    let closing = false;
    const onError = () => !closing && broken.current();
    img.addEventListener('error', onError);
    img.src = src;
    return () => {
      closing = true;
      img.removeEventListener('error', onError);
      img.removeAttribute('src');
      img.src = '';
    };
  }, [src]);
  return <img ref={ref} className="cd-live__img" alt={alt} />;
}

function Placeholder({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="cd-live__placeholder" role="status">
      <p className="cd-live__title">{title}</p>
      {children && <p>{children}</p>}
    </div>
  );
}

function ProblemView({ problem, camera, owner, role, onRetry }: { problem: Problem; camera: Camera; owner: Member | null; role: Role; onRetry: () => void }) {
  if (problem.id === 'sharing_does_not_allow') {
    const how =
      camera.sharingMode === 'on_request'
        ? 'The owner shares this camera on request: they decide each time someone asks for its video.'
        : camera.sharingMode === 'alarm_only'
          ? 'The owner shares this camera only during an emergency: its picture opens from an incident near it.'
          : 'The owner does not share this camera’s video.';
    const subject = encodeURIComponent(`Footage request: ${camera.name}`);
    const text = encodeURIComponent(`Hello,\n\nI would like to see video from your camera "${camera.name}".\nTime (from – to):\nReason / case number:\n\nThank you.`);
    return (
      <div className="cd-live__placeholder" role="status">
        <p className="cd-live__title">Shared only when the owner agrees</p>
        <p>{how}</p>
        {camera.sharingMode === 'on_request' && owner?.contactEmail ? (
          <p>
            <a className="button button--primary button--small" href={`mailto:${owner.contactEmail}?subject=${subject}&body=${text}`}>
              Ask {owner.name} for footage
            </a>
          </p>
        ) : camera.sharingMode === 'alarm_only' && (role === 'operator' || role === 'investigator') ? (
          <p>
            <Link href="/incidents">Open the incident near this camera</Link>
          </p>
        ) : (
          <p className="small">Ask a network admin to put you in touch with {owner?.name ?? 'the owner'}.</p>
        )}
      </div>
    );
  }
  const offline = problem.id === 'edge_offline';
  // The edge answered but could not get a picture (its message is technical: ffmpeg's): say it plainly, keep the detail.
  const fromEdge = problem.status >= 500 || problem.id.startsWith('edge_') || problem.id.startsWith('snapshot_');
  return (
    <div className="cd-live__placeholder" role="status">
      <p className="cd-live__title">{offline ? 'The edge box for this camera is offline' : 'No live picture right now'}</p>
      <p>
        {offline
          ? 'Its recordings stay safe on the box; the live picture and clips come back when it reconnects. Check that the box has power and internet.'
          : fromEdge
            ? 'The edge box could not get a picture from the camera. Check that the camera has power and is on the network, and that its stream address is right.'
            : problem.message}
      </p>
      {!offline && fromEdge && <p className="muted small">Detail: {problem.message}</p>}
      <p className="row">
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          Try again
        </button>
        {offline && (role === 'admin' || role === 'installer') && <Link href="/edges">See edge health</Link>}
      </p>
      <p className="muted small">Error code: {problem.id}</p>
    </div>
  );
}
