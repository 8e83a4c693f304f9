/** Patrol on a phone or car laptop: BOLOs newest first, plate in big type, images, one-tap acknowledgement; shows when the feed is stale. */
import { useCallback, useEffect, useState } from 'react';
import { EmptyState, ErrorBanner } from '../../ui/feedback.tsx';
import { formatTime } from '../../ui/format.tsx';
import { rtccApi, type Bolo } from '../incidents/rtcc-api.ts';
import { useLiveFeed, type RtccMessage } from '../incidents/use-live-feed.ts';
import { ago, useNow } from '../../ui/time.ts';
import '../incidents/rtcc.css';

const POLL_MS = 30_000;

function describeVehicle(v: Bolo['vehicle']): string {
  return [v.colour, v.make, v.model, v.type].filter(Boolean).join(' ') || 'Vehicle not described';
}

function BoloCard({ bolo, fresh, onAck }: { bolo: Bolo; fresh: boolean; onAck: (id: string) => void }) {
  const now = useNow(10_000);
  return (
    <article className={`bolo${fresh && !bolo.acknowledgedByMe ? ' bolo--new' : ''}`} aria-labelledby={`bolo-${bolo.id}`} data-bolo-id={bolo.id}>
      <h2 className="bolo__title" id={`bolo-${bolo.id}`}>{bolo.title}</h2>
      {bolo.plate && <p className="bolo__plate" aria-label={`Plate ${bolo.plate.split('').join(' ')}`}>{bolo.plate}</p>}
      <p className="bolo__vehicle">{describeVehicle(bolo.vehicle)}{bolo.vehicle.state ? ` · plate ${bolo.vehicle.state}` : ''}</p>
      {bolo.description && <p>{bolo.description}</p>}
      {bolo.images.length > 0 && <div className="bolo__images">{bolo.images.map((src, i) => <img key={i} src={src} alt={`Image ${i + 1} for ${bolo.title}`} />)}</div>}
      <p className="muted">
        Last seen {bolo.lastSeenPlace ?? 'place unknown'}{bolo.lastSeenAt ? `, ${formatTime(bolo.lastSeenAt)}` : ''} · sent {ago(now - Date.parse(bolo.createdAt))} by {bolo.sentBy}
      </p>
      {bolo.acknowledgedByMe ? (
        <p className="bolo__acked" role="status">✓ You acknowledged this</p>
      ) : (
        <button type="button" className="button button--primary button--block bolo__ack" onClick={() => onAck(bolo.id)}>Acknowledge</button>
      )}
    </article>
  );
}

export function PatrolPage() {
  const [bolos, setBolos] = useState<Bolo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [syncedAt, setSyncedAt] = useState<number | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const now = useNow(1000);

  const load = useCallback(() => rtccApi.bolos({ limit: 30 }).then((p) => {
    setBolos(p.items);
    setSyncedAt(Date.now());
    setError(null);
  }, setError), []);

  const onMessage = (m: RtccMessage) => {
    if (m.type !== 'bolo.sent') return;
    void rtccApi.bolo(m.boloId).then((b) => {
      setBolos((list) => [b, ...(list ?? []).filter((x) => x.id !== b.id)]);
      setFresh((s) => new Set(s).add(b.id));
      setSyncedAt(Date.now());
      navigator.vibrate?.(200);
    }, setError);
  };
  const live = useLiveFeed(onMessage, () => void load());

  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), POLL_MS); // a fallback when the socket is quietly dead
    return () => clearInterval(t);
  }, [load]);

  const acknowledge = async (id: string) => {
    try {
      await rtccApi.acknowledge(id);
      setBolos((list) => (list ?? []).map((b) => (b.id === id ? { ...b, acknowledgedByMe: true } : b)));
    } catch (e) {
      setError(e);
    }
  };

  const heard = Math.max(syncedAt ?? 0, live.lastHeardAt ?? 0);
  const stale = live.state !== 'open' || (heard > 0 && now - heard > 2 * POLL_MS);
  return (
    <div className="patrol">
      <h1>BOLOs</h1>
      <p className={`patrol-status${stale ? ' patrol-status--stale' : ''}`} role="status" aria-live="polite">
        <span><span className={`dot dot--${live.state === 'open' ? 'ok' : live.state === 'connecting' ? 'warn' : 'bad'}`} aria-hidden="true" /> {live.state === 'open' ? 'Live' : 'Offline, reconnecting…'}</span>
        <span>{heard ? `Updated ${ago(now - heard)}` : 'Not updated yet'}</span>
      </p>
      {error ? <ErrorBanner error={error} onRetry={() => void load()} /> : null}
      {bolos === null ? <p className="loading" role="status">Loading BOLOs…</p> : bolos.length === 0 ? (
        <EmptyState title="No BOLOs right now.">New ones appear here at once, with a buzz. Keep this page open.</EmptyState>
      ) : (
        bolos.map((b) => <BoloCard key={b.id} bolo={b} fresh={fresh.has(b.id)} onAck={(id) => void acknowledge(id)} />)
      )}
    </div>
  );
}
