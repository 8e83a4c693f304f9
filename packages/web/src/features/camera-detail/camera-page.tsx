/**
 * One camera (`/cameras/:id`): what it is in plain words, its live picture, its recording over the last day with the
 * gaps explained, and "request a clip" with both fingerprints shown. Owners on phones read it top to bottom.
 */
import { useCallback, useEffect, useState } from 'react';
import { isApiError } from '../../api/http.ts';
import { connectLive } from '../../api/live.ts';
import { registryApi } from '../../api/registry.ts';
import type { Camera, Edge, Member, Site } from '../../api/types.ts';
import { Link, useLocation } from '../../app/router.tsx';
import { cameraIdOf } from '../../app/camera-path.ts';
import { useSession, useSignedIn } from '../../app/session.tsx';
import { EmptyState, ErrorBanner, Loading } from '../../ui/feedback.tsx';
import { StatusBadge } from '../../ui/format.tsx';
import { PictureFact } from '../cameras/picture-check.tsx';
import { SHARING_CHOICES, sharingLabel } from '../cameras/sharing.ts';
import { ViewSketch, describeView } from '../my-cameras/view-sketch.tsx';
import { servingEdge } from '../edges/serving.ts';
import { ClipRequest } from './clip-request.tsx';
import { LIVE_ROLES, LiveTile } from './live-tile.tsx';
import { RecordingTimeline } from './recording-timeline.tsx';
import { staleness } from './time.ts';
import { ago, useNow } from '../../ui/time.ts';
import './camera-detail.css';

/** Sharing explained to someone who is not the owner (the choices' own details speak to the owner). */
const VIEWER_DETAIL: Record<string, string> = {
  live: 'The crime centre may watch its live picture at any time; every look is recorded and its owner can see who looked.',
  on_request: 'Its owner decides each time someone asks for video from a time and place.',
  alarm_only: 'Its live picture opens to the crime centre only while an emergency call is open near it.',
  none: 'Its video stays with its owner.',
};

/** The hub's rule (core `sharingAllowsVideo`) without an incident: owners and admins always, others when shared live. */
function videoAllowed(camera: Camera, role: string, memberId: string | null): boolean {
  return role === 'admin' || memberId === camera.memberId || camera.sharingMode === 'live';
}

export function CameraPage() {
  const { path } = useLocation();
  const id = cameraIdOf(path) ?? '';
  const { user } = useSignedIn();
  const { config } = useSession();
  const [camera, setCamera] = useState<Camera | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [site, setSite] = useState<Site | null>(null);
  const [owner, setOwner] = useState<Member | null>(null);
  const [edges, setEdges] = useState<Edge[]>([]);
  const [picked, setPicked] = useState<number | null>(null);
  const now = useNow(5000);

  const load = useCallback(() => {
    registryApi.camera(id).then(
      (c) => (setCamera(c), setError(null)),
      (e: unknown) => setError(e),
    );
  }, [id]);

  useEffect(() => {
    setCamera(null);
    load();
    // Status changes arrive on the live channel (ids only); the page fetches the camera again. Edges: their health.
    const live = connectLive((m) => {
      if (m.type === 'camera.changed' && (m.cameraId ?? m.camera?.id) === id) load();
      if (m.type === 'edge.changed') registryApi.edges({ limit: 100 }).then((p) => setEdges(p.items), () => {});
    });
    // Last-picture times and edge health change without a message; refresh now and then.
    const t = setInterval(() => {
      load();
      registryApi.edges({ limit: 100 }).then((p) => setEdges(p.items), () => {});
    }, 15_000);
    return () => {
      live.close();
      clearInterval(t);
    };
  }, [id, load]);

  const siteId = camera?.siteId;
  const memberId = camera?.memberId;
  useEffect(() => {
    if (!siteId || !memberId) return;
    registryApi.sites({ limit: 200 }).then((p) => setSite(p.items.find((s) => s.id === siteId) ?? null), () => setSite(null));
    registryApi.member(memberId).then(setOwner, () => setOwner(null));
    registryApi.edges({ limit: 100 }).then((p) => setEdges(p.items), () => setEdges([])); // not every role may list edges
  }, [siteId, memberId]);

  if (error) {
    const notFound = isApiError(error) && error.status === 404;
    return (
      <>
        <BackLink role={user.role} />
        {notFound ? (
          <EmptyState title="There is no camera here">
            It may have been removed, or it belongs to someone else. <BackLink role={user.role} inline />
          </EmptyState>
        ) : (
          <ErrorBanner error={error} onRetry={load} />
        )}
      </>
    );
  }
  if (!camera) return <Loading what="the camera" />;

  const isOwn = user.memberId === camera.memberId;
  const edge = servingEdge(camera, edges);
  const sharing = SHARING_CHOICES.find((c) => c.value === camera.sharingMode);
  const lastFrameAge = camera.lastFrameAt ? now - Date.parse(camera.lastFrameAt) : null;
  const canClip = LIVE_ROLES.includes(user.role);
  const allowed = videoAllowed(camera, user.role, user.memberId);
  const blocked = !canClip
    ? 'Clips are for the camera’s owner and the crime centre; your role sees when it recorded and why it did not.'
    : !allowed
      ? `The owner shares this camera ${camera.sharingMode === 'on_request' ? 'on request: they decide each time someone asks for its video' : camera.sharingMode === 'alarm_only' ? 'only during an emergency, from an incident near it' : 'with nobody outside their organisation'}. Ask ${owner?.name ?? 'the owner'} for footage${owner?.contactEmail ? ` at ${owner.contactEmail}` : ''}.`
      : undefined;

  return (
    <div className="cd">
      <BackLink role={user.role} />
      <header className="cd__head">
        <h1>{camera.name}</h1>
        <StatusBadge status={camera.status} />
      </header>
      <p className="cd__intro">
        {site ? `${site.name}, ${site.address}` : 'Loading where it is…'}
        {owner ? ` · belongs to ${isOwn ? 'you' : owner.name}` : ''}
      </p>

      <div className="cd__top">
        <LiveTile camera={camera} role={user.role} owner={owner} isOwn={isOwn} />
        <section className="panel cd-about" aria-labelledby="about-title">
          <h2 id="about-title">About this camera</h2>
          <dl className="cd-facts">
            <dt>Right now</dt>
            <dd>
              {camera.status === 'online'
                ? 'Recording'
                : camera.status === 'offline'
                  ? 'Not recording: no picture is arriving'
                  : camera.status === 'pending_attestation'
                    ? 'Waiting for the owner to confirm it sees public space only'
                    : 'Turned off'}
              {/* The hub hears of new frames with the edge's health reports: for a camera online, "now" is the truth. */}
              {lastFrameAge !== null && (camera.status !== 'online' || lastFrameAge > 120_000) && (
                <span className={`cd-age cd-age--${staleness(camera.lastFrameAt, now)}`}> · last picture {ago(lastFrameAge)}</span>
              )}
            </dd>
            <dt>Picture</dt>
            <dd>
              <PictureFact camera={camera} />
            </dd>
            <dt>What it sees</dt>
            <dd className="cd-sees">
              <ViewSketch camera={camera} />
              <span>{describeView(camera)}</span>
            </dd>
            <dt>Who may see its video</dt>
            <dd>
              <strong>{sharingLabel(camera.sharingMode)}</strong>
              {sharing && <span className="muted small cd-block">{isOwn ? sharing.detail : VIEWER_DETAIL[camera.sharingMode]}</span>}
              {isOwn && (
                <Link href="/my-cameras" className="small cd-block">
                  Change this on My cameras
                </Link>
              )}
            </dd>
            <dt>How long video is kept</dt>
            <dd>{camera.retentionDays} days on the edge box, then deleted automatically</dd>
            <dt>Hidden areas</dt>
            <dd>
              {camera.privacyMasks.length === 0
                ? 'None'
                : `${camera.privacyMasks.length} ${camera.privacyMasks.length === 1 ? 'area is' : 'areas are'} blacked out in every picture and clip${camera.maskMode === 'burn' ? ', and in the recording itself' : ''}`}
            </dd>
            <dt>Recorded by</dt>
            <dd>
              {edge ? (
                <>
                  {edge.name}{' '}
                  <span className={`badge badge--${edge.status}`}>{edge.status === 'online' ? 'online' : edge.status === 'offline' ? 'offline' : 'not set up yet'}</span>
                  {edge.lastSeenAt && <span className="muted small"> · heard from {ago(now - Date.parse(edge.lastSeenAt))}</span>}
                </>
              ) : (
                <span className="muted">The edge box at its site</span>
              )}
            </dd>
          </dl>
        </section>
      </div>

      <RecordingTimeline camera={camera} onPick={canClip && allowed ? setPicked : undefined} />
      <ClipRequest camera={camera} offences={config?.offenceCategories ?? []} picked={picked} blocked={blocked} />
    </div>
  );
}

function BackLink({ role, inline }: { role: string; inline?: boolean }) {
  const [href, label] = role === 'owner' ? ['/my-cameras', 'My cameras'] : role === 'auditor' ? ['/map', 'the map'] : ['/cameras', 'all cameras'];
  return (
    <Link href={href} className={inline ? undefined : 'cd-back small'}>
      {inline ? `Back to ${label}` : `← Back to ${label}`}
    </Link>
  );
}
