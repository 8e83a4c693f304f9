/**
 * Edge boxes at sites: health at a glance (online, last heard from, version, disk, clock) and the cameras each one
 * records with their status, kept current by the live channel; "add edge" shows its one-time enrolment token.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { connectLive, type LiveState } from '../../api/live.ts';
import { registryApi } from '../../api/registry.ts';
import type { Camera, Edge } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { DataTable, LoadMore, type Column } from '../../ui/data-table.tsx';
import { EmptyState, ErrorBanner, Loading, Notice, PageHeader } from '../../ui/feedback.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { STATUS_LABEL, formatBytes, formatTime } from '../../ui/format.tsx';
import { allCameras, nameOf, useSites } from '../../ui/lookups.ts';
import { useList } from '../../ui/use-list.ts';
import { useSubmit } from '../../ui/use-submit.ts';
import { PictureBadge, tooBright } from '../cameras/picture-check.tsx';
import { staleness } from '../camera-detail/time.ts';
import { ago, useNow } from '../../ui/time.ts';
import { camerasByEdge } from './serving.ts';
import './edges.css';

/** Clock offsets beyond this make event times and clip windows disagree with the hub. */
const CLOCK_LIMIT_MS = 2000;
/** Heartbeats do not publish changes; the page refreshes last-seen, disk and clock this often. */
const REFRESH_MS = 15_000;

const LIVE_TEXT: Record<LiveState, string> = { open: 'Live updates on', connecting: 'Connecting…', closed: 'Reconnecting…' };

function clockText(ms: number | null): { text: string; bad: boolean } {
  if (ms === null) return { text: '—', bad: false };
  const bad = Math.abs(ms) > CLOCK_LIMIT_MS;
  const size = Math.abs(ms) >= 1000 ? `${(Math.abs(ms) / 1000).toFixed(1)} s` : `${Math.abs(ms)} ms`;
  return { text: ms === 0 ? 'in step' : `${size} ${ms > 0 ? 'ahead' : 'behind'}`, bad };
}


export function EdgesPage() {
  const list = useList((cursor) => registryApi.edges({ cursor, limit: 100 }));
  const sites = useSites();
  const [cameras, setCameras] = useState<Camera[] | null>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const [form, setForm] = useState({ siteId: '', name: '' });
  const [enrolment, setEnrolment] = useState<{ name: string; token: string } | null>(null);
  const create = useSubmit(registryApi.createEdge);
  const now = useNow(5000);
  const { reload } = list;

  const loadCameras = useCallback(() => {
    allCameras().then(setCameras, () => setCameras((c) => c ?? []));
  }, []);

  // Live: an edge or camera changed → fetch again (the messages carry ids only), a few at a time.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    loadCameras();
    const refresh = (cams: boolean) => {
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => {
        reload();
        if (cams) loadCameras();
      }, 300);
    };
    const conn = connectLive(
      (m) => {
        if (m.type === 'edge.changed') refresh(false);
        if (m.type === 'camera.changed' || m.type === 'camera.removed') refresh(true);
      },
      (s) => {
        setLive(s);
        if (s === 'open') refresh(true); // caught up after a reconnect
      },
    );
    const t = setInterval(reload, REFRESH_MS);
    return () => {
      conn.close();
      clearInterval(t);
      if (pending.current) clearTimeout(pending.current);
    };
  }, [reload, loadCameras]);

  const served = useMemo(() => camerasByEdge(cameras ?? [], list.items), [cameras, list.items]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await create.run(form);
    if (res) {
      setEnrolment({ name: res.edge.name, token: res.enrolmentToken });
      list.upsert(res.edge, (x) => x.id);
      setForm({ siteId: '', name: '' });
    }
  };

  const siteName = (e: Edge) => (e.siteId === null ? 'Sites without an edge of their own' : nameOf(sites, e.siteId));
  const online = list.items.filter((e) => e.status === 'online').length;
  const offline = list.items.filter((e) => e.status === 'offline').length;
  const pendingCount = list.items.filter((e) => e.status === 'pending').length;
  const clockBad = list.items.filter((e) => clockText(e.clockOffsetMs).bad).length;
  const camsDown = [...served.values()].flat().filter((c) => c.status !== 'online').length;
  const camsTooBright = [...served.values()].flat().filter(tooBright).length;

  const seenCell = (e: Edge) =>
    e.lastSeenAt ? (
      <span className={`edge-seen edge-seen--${staleness(e.lastSeenAt, now)}`} title={formatTime(e.lastSeenAt)}>
        {ago(now - Date.parse(e.lastSeenAt))}
      </span>
    ) : (
      <span className="muted">never</span>
    );
  const clockCell = (e: Edge) => {
    const c = clockText(e.clockOffsetMs);
    return c.bad ? <span className="edge-clock--bad" title="More than 2 s off: event times and clips will not line up. Check the box’s time sync (NTP).">⚠ {c.text}</span> : c.text;
  };

  const columns: Column<Edge>[] = [
    {
      key: 'name', label: 'Edge', value: (e) => e.name,
      render: (e) => (
        <span className="edge-name">
          <strong>{e.name}</strong>
          <span className="muted small">{siteName(e)}</span>
        </span>
      ),
    },
    { key: 'status', label: 'Status', value: (e) => e.status, render: (e) => <EdgeStatus edge={e} /> },
    {
      key: 'seen', label: 'Last heard from', value: (e) => e.lastSeenAt ?? '',
      render: (e) => seenCell(e),
    },
    {
      key: 'cameras', label: 'Cameras it records', value: (e) => served.get(e.id)?.length ?? 0,
      render: (e) => <ServedCameras cameras={served.get(e.id) ?? []} loading={cameras === null} />,
    },
    { key: 'disk', label: 'Disk used', className: 'num', value: (e) => e.diskUsedBytes ?? -1, render: (e) => formatBytes(e.diskUsedBytes) },
    {
      key: 'clock', label: 'Clock', value: (e) => Math.abs(e.clockOffsetMs ?? 0),
      render: (e) => clockCell(e),
    },
    { key: 'version', label: 'Version', value: (e) => e.version ?? '', render: (e) => (e.version ? <code>{e.version}</code> : '—') },
  ];

  return (
    <>
      <PageHeader
        title="Edges"
        intro="The small computer at each site that records its cameras, keeps the video, and sends vehicle events to the hub."
        actions={<span className={`edge-live edge-live--${live}`} role="status">{LIVE_TEXT[live]}</span>}
      />
      {list.items.length > 0 && (
        <ul className="edge-summary" aria-label="Health summary">
          <li className="edge-summary__item edge-summary__item--ok"><strong>{online}</strong> online</li>
          <li className={`edge-summary__item${offline ? ' edge-summary__item--bad' : ''}`}><strong>{offline}</strong> offline</li>
          {pendingCount > 0 && <li className="edge-summary__item edge-summary__item--warn"><strong>{pendingCount}</strong> waiting to be set up</li>}
          <li className={`edge-summary__item${clockBad ? ' edge-summary__item--warn' : ''}`}><strong>{clockBad}</strong> with the clock off by more than 2 s</li>
          {cameras && <li className={`edge-summary__item${camsDown ? ' edge-summary__item--warn' : ''}`}><strong>{camsDown}</strong> recorded {camsDown === 1 ? 'camera' : 'cameras'} not online</li>}
          {camsTooBright > 0 && <li className="edge-summary__item edge-summary__item--warn"><strong>{camsTooBright}</strong> {camsTooBright === 1 ? 'camera' : 'cameras'} with a picture too bright to read plates</li>}
        </ul>
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && list.items.length === 0 ? (
        <Loading what="edges" />
      ) : (
        <>
          <div className="edge-table">
            <DataTable caption="Edges" rows={list.items} columns={columns} rowKey={(e) => e.id} filterLabel="Filter edges" empty={<EmptyState title="No edges yet">Add one below, then enrol the box at the site with its token.</EmptyState>} />
          </div>
          {/* Phones: one card per edge, problems first, instead of a table that scrolls sideways. */}
          <ul className="edge-cards" aria-label="Edges">
            {[...list.items].sort((a, b) => rank(a) - rank(b)).map((e) => (
              <li key={e.id}>
                <article className="edge-card" aria-labelledby={`edge-${e.id}`}>
                  <header className="edge-card__head">
                    <h2 id={`edge-${e.id}`}>{e.name}</h2>
                    <EdgeStatus edge={e} />
                  </header>
                  <p className="muted small">{siteName(e)}</p>
                  <dl className="edge-card__facts">
                    <dt>Last heard from</dt>
                    <dd>{seenCell(e)}</dd>
                    <dt>Disk used</dt>
                    <dd>{formatBytes(e.diskUsedBytes)}</dd>
                    <dt>Clock</dt>
                    <dd>{clockCell(e)}</dd>
                    <dt>Version</dt>
                    <dd>{e.version ?? '—'}</dd>
                  </dl>
                  <ServedCameras cameras={served.get(e.id) ?? []} loading={cameras === null} />
                </article>
              </li>
            ))}
          </ul>
          {list.items.length === 0 && <div className="edge-cards-empty"><EmptyState title="No edges yet">Add one below, then enrol the box at the site with its token.</EmptyState></div>}
        </>
      )}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />

      <form className="panel form edge-form" onSubmit={submit} noValidate aria-labelledby="edge-form-title">
        <h2 id="edge-form-title">Add an edge</h2>
        <ErrorBanner error={create.error} />
        <div className="form-grid">
          <SelectField
            label="Site"
            value={form.siteId}
            options={[{ value: '', label: 'Choose a site…' }, ...sites.map((s) => ({ value: s.id, label: s.name }))]}
            onValue={(siteId) => setForm({ ...form, siteId })}
            error={create.fieldErrors.siteId}
          />
          <TextField label="Edge name" required value={form.name} onValue={(name) => setForm({ ...form, name })} error={create.fieldErrors.name} />
        </div>
        <div className="row">
          <button type="submit" className="button button--primary" disabled={create.busy}>
            Add edge
          </button>
        </div>
      </form>
      {enrolment && (
        <Notice tone="warning">
          <p>
            <strong>Enrolment token for “{enrolment.name}”, shown only once.</strong> It works one time: on the edge box, start
            camnet with <code>CAMNET_HUB_URL={location.origin}</code> and <code>CAMNET_ENROL_TOKEN=&lt;this token&gt;</code>.
          </p>
          <code className="one-time" data-testid="enrolment-token">
            {enrolment.token}
          </code>
        </Notice>
      )}
    </>
  );
}

/** Offline first, then not set up, then online. */
const rank = (e: Edge) => (e.status === 'offline' ? 0 : e.status === 'pending' ? 1 : 2);

function EdgeStatus({ edge }: { edge: Edge }) {
  const text = edge.status === 'online' ? 'Online' : edge.status === 'offline' ? 'Offline' : 'Not set up yet';
  return (
    <span className={`badge badge--${edge.status}`}>
      <span className={`edge-dot edge-dot--${edge.status}`} aria-hidden="true" /> {text}
    </span>
  );
}

/** The cameras an edge records: counts by status, problems first, each a link to its page. */
function ServedCameras({ cameras, loading }: { cameras: Camera[]; loading: boolean }) {
  if (loading) return <span className="muted">…</span>;
  if (cameras.length === 0) return <span className="muted">none</span>;
  const down = cameras.filter((c) => c.status !== 'online');
  const up = cameras.filter((c) => c.status === 'online');
  // Problems first: cameras not online, then those whose picture is too bright.
  const sorted = [...down, ...up.filter(tooBright), ...up.filter((c) => !tooBright(c))];
  const shown = sorted.slice(0, 3);
  const item = (c: Camera) => (
    <li key={c.id}>
      <span className={`edge-dot edge-dot--${c.status}`} aria-hidden="true" />
      <Link href={`/cameras/${encodeURIComponent(c.id)}`}>{c.name}</Link> <span className="muted small">{STATUS_LABEL[c.status] ?? c.status}</span>{' '}
      <PictureBadge camera={c} />
    </li>
  );
  return (
    <div className="edge-cams">
      <p className="edge-cams__count">
        <strong>{cameras.length}</strong> {cameras.length === 1 ? 'camera' : 'cameras'}: {cameras.length - down.length} online{down.length ? <span className="edge-cams__down">, {down.length} not online</span> : null}
      </p>
      <ul className="edge-cams__list">{shown.map(item)}</ul>
      {sorted.length > shown.length && (
        <details>
          <summary className="small">{sorted.length - shown.length} more</summary>
          <ul className="edge-cams__list">{sorted.slice(shown.length).map(item)}</ul>
        </details>
      )}
    </div>
  );
}
