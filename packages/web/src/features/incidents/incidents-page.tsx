/** The operator's incident page: calls as they arrive (CAD, gunshots, operators), the selected one with its ranked live cameras. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { navigate, useLocation } from '../../app/router.tsx';
import { useSignedIn } from '../../app/session.tsx';
import { ErrorBanner, EmptyState } from '../../ui/feedback.tsx';
import { IncidentDetail } from './incident-detail.tsx';
import { NewIncidentForm } from './new-incident-form.tsx';
import { rtccApi, type Incident, type TimelineEntry } from './rtcc-api.ts';
import { useIncidentShortcuts } from './use-incident-shortcuts.ts';
import { useLiveFeed, type RtccMessage } from './use-live-feed.ts';
import { ago, useNow } from '../../ui/time.ts';
import './rtcc.css';

function IncidentList({ items, selectedId, fresh, onPick }: { items: Incident[]; selectedId: string | null; fresh: Set<string>; onPick: (id: string) => void }) {
  const now = useNow(5000);
  if (items.length === 0) return <EmptyState title="No incidents yet.">Calls from CAD, gunshot sensors and operators appear here as they arrive. Create one below.</EmptyState>;
  return (
    <ul className="stack" aria-label="Incidents" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((i) => (
        <li key={i.id}>
          <button type="button" className={`incident-item${fresh.has(i.id) ? ' incident-item--new' : ''}`} aria-current={i.id === selectedId} onClick={() => onPick(i.id)}>
            <span className="incident-item__type"><span className={`prio prio--${i.priority}`}>P{i.priority}</span> {i.type}</span>
            <br />
            <span className="incident-item__meta">{i.address ?? `${i.lat.toFixed(4)}, ${i.lon.toFixed(4)}`} · {ago(now - Date.parse(i.occurredAt))} · {i.cameras.filter((c) => c.covers).length} cameras · {i.status.replace('_', ' ')}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function IncidentsPage() {
  const { search } = useLocation();
  const { user } = useSignedIn();
  const canAct = user.role === 'admin' || user.role === 'operator';
  const [items, setItems] = useState<Incident[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [detail, setDetail] = useState<{ incident: Incident; timeline: TimelineEntry[] } | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [acks, setAcks] = useState<string[]>([]);
  const [follow, setFollow] = useState(true);
  const selectedId = search.get('id') ?? items[0]?.id ?? null;
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;
  const followRef = useRef(follow);
  followRef.current = follow;

  const loadList = useCallback(() => rtccApi.incidents({ limit: 50 }).then((p) => { setItems(p.items); setError(null); }, setError), []);
  const loadDetail = useCallback((id: string) => rtccApi.incident(id).then(({ timeline, ...incident }) => {
    if (selectedRef.current === id) setDetail({ incident, timeline });
  }, setError), []);
  const pick = (id: string) => navigate(`/incidents?id=${encodeURIComponent(id)}`);

  useEffect(() => void loadList(), [loadList]);
  useEffect(() => {
    setAcks([]);
    if (selectedId) void loadDetail(selectedId);
    else setDetail(null);
  }, [selectedId, loadDetail]);

  const onMessage = (m: RtccMessage) => {
    if (m.type === 'incident.created') {
      void rtccApi.incident(m.incidentId).then(({ timeline, ...incident }) => {
        setItems((list) => [incident, ...list.filter((x) => x.id !== incident.id)]);
        setFresh((s) => new Set(s).add(incident.id));
        if (followRef.current || !selectedRef.current) {
          selectedRef.current = incident.id;
          setDetail({ incident, timeline });
          pick(incident.id);
        }
      }, setError);
    } else if (m.type === 'incident.changed') {
      if (m.incidentId === selectedRef.current) void loadDetail(m.incidentId);
      if (m.change === 'status') void loadList();
    } else if (m.type === 'bolo.acknowledged') {
      setAcks((a) => (a.includes(m.userEmail) ? a : [...a, m.userEmail]));
    }
  };
  const live = useLiveFeed(onMessage, () => void loadList());
  const index = items.findIndex((i) => i.id === selectedId);
  useIncidentShortcuts({
    nextIncident: () => items[index + 1] && pick(items[index + 1]!.id),
    previousIncident: () => index > 0 && pick(items[index - 1]!.id),
  });

  return (
    <div className="rtcc">
      <aside className="rtcc__list" aria-label="Incident queue">
        <div className="rtcc-bar">
          <span className="live-state" role="status">
            <span className={`dot dot--${live.state === 'open' ? 'ok' : live.state === 'connecting' ? 'warn' : 'bad'}`} aria-hidden="true" />
            {live.state === 'open' ? 'Live' : live.state === 'connecting' ? 'Connecting…' : 'Offline, reconnecting'}
          </span>
          <label className="small"><input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Open new calls</label>
        </div>
        {error ? <ErrorBanner error={error} onRetry={() => void loadList()} /> : null}
        <IncidentList items={items} selectedId={selectedId} fresh={fresh} onPick={pick} />
        {canAct && <NewIncidentForm onCreated={(i) => { setItems((l) => [i, ...l.filter((x) => x.id !== i.id)]); pick(i.id); }} />}
      </aside>
      {detail && detail.incident.id === selectedId ? (
        <IncidentDetail incident={detail.incident} timeline={detail.timeline} acks={acks} canAct={canAct} onChanged={() => selectedId && void loadDetail(selectedId)} />
      ) : (
        <section className="rtcc__main">
          <h1>Incidents</h1>
          <p className="muted">{selectedId ? 'Loading the incident…' : 'Pick an incident, or wait for the next call: it opens here with the cameras that can see it.'}</p>
        </section>
      )}
    </div>
  );
}
