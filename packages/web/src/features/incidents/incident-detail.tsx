/** One incident for the operator: what and where, the ranked cameras as live tiles, nearby cameras apart, actions and timeline. */
import { useEffect, useRef, useState } from 'react';
import { formatTime, humanise } from '../../ui/format.tsx';
import { BoloForm } from './bolo-form.tsx';
import { CameraTile } from './camera-tile.tsx';
import { IncidentActions } from './incident-actions.tsx';
import type { Bolo, Incident, TimelineEntry } from './rtcc-api.ts';
import { useIncidentShortcuts } from './use-incident-shortcuts.ts';
import { preRollLabel, usePreRoll } from './use-pre-roll.ts';
import { ago, useNow } from '../../ui/time.ts';

export function IncidentDetail({ incident, timeline, acks, canAct, onChanged }: { incident: Incident; timeline: TimelineEntry[]; acks: string[]; canAct: boolean; onChanged: () => void }) {
  const covering = incident.cameras.filter((c) => c.covers);
  const nearby = incident.cameras.filter((c) => !c.covers);
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [playing, setPlaying] = useState<{ clipId: string; name: string } | null>(null);
  const preRoll = usePreRoll(covering);
  const boloTitle = useRef<HTMLInputElement>(null);
  const now = useNow(1000);
  useEffect(() => {
    setSelected(0);
    setPlaying(null);
  }, [incident.id]);

  const replay = () => {
    const cam = covering[selected];
    if (!cam) return setMessage('No camera covers this place.');
    const clip = preRoll.get(cam.id);
    if (clip?.status === 'ready') {
      setPlaying({ clipId: clip.clipId, name: cam.name });
      return setMessage(`Replaying the last five minutes from ${cam.name}.`);
    }
    setMessage(clip ? `The pre-roll clip from ${cam.name} is not ready yet (${clip.status}).` : `No pre-roll clip from ${cam.name} (${humanise(cam.footage ?? 'not requested')}).`);
  };
  useIncidentShortcuts({
    next: () => setSelected((i) => Math.min(covering.length - 1, i + 1)),
    previous: () => setSelected((i) => Math.max(0, i - 1)),
    pick: (n) => n < covering.length && setSelected(n),
    replay,
    bolo: () => boloTitle.current?.focus(),
  });

  const act = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      setMessage(done);
      onChanged();
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section className="rtcc__main" aria-labelledby="incident-title" data-incident-id={incident.id}>
      <header className="incident-head">
        <h1 id="incident-title"><span className={`prio prio--${incident.priority}`} aria-label={`priority ${incident.priority}`}>P{incident.priority}</span> {incident.type}</h1>
        <span className="incident-head__where">{incident.address ?? `${incident.lat.toFixed(5)}, ${incident.lon.toFixed(5)}`}</span>
        <span className="muted">{humanise(incident.source).toUpperCase()}{incident.externalId ? ` ${incident.externalId}` : ''} · called {ago(now - Date.parse(incident.occurredAt))} · {humanise(incident.status)}</span>
      </header>
      {acks.length > 0 && <p className="banner banner--success rtcc-ack" role="status">BOLO acknowledged by {acks.join(', ')}</p>}
      {incident.callerNotes && <p className="panel rtcc-notes">{incident.callerNotes}</p>}
      <p className="kbd-help">
        <kbd>n</kbd>/<kbd>p</kbd> next / previous camera · <kbd>1</kbd>–<kbd>9</kbd> pick · <kbd>r</kbd> replay 5 min · <kbd>b</kbd> send BOLO · <kbd>j</kbd>/<kbd>k</kbd> next / previous incident
      </p>
      <p role="status" aria-live="polite" className="muted rtcc-msg">{message}</p>
      {playing && (
        <div className="panel replay">
          <h2>Replay: {playing.name}, from five minutes before the call</h2>
          <video src={`/api/v1/clips/${encodeURIComponent(playing.clipId)}/video`} controls autoPlay muted data-testid="pre-roll-video" />
          <button type="button" className="button button--ghost button--small" onClick={() => setPlaying(null)}>Close replay</button>
        </div>
      )}
      <h2 className="visually-hidden">Cameras that see the place, ranked</h2>
      {covering.length === 0 ? (
        <p className="panel">No registered camera sees this place. {nearby.length ? 'Nearby cameras are listed below.' : 'Drop a pin or check the map.'}</p>
      ) : (
        <div className="tiles" aria-label="Ranked cameras" data-testid="ranked-cameras">
          {covering.map((c, i) => <CameraTile key={c.id} camera={c} incidentId={incident.id} selected={i === selected} onSelect={() => setSelected(i)} large={i < 2} note={preRollLabel(preRoll.get(c.id))} stream={i === selected} />)}
        </div>
      )}
      {nearby.length > 0 && (
        <div className="panel">
          <h2>Nearby, view misses the place</h2>
          <ul className="nearby">{nearby.map((c) => <li key={c.id}>{c.name} · {Math.round(c.distanceM)} m · {c.status}</li>)}</ul>
        </div>
      )}
      <div className="panels">
        {canAct && <IncidentActions incident={incident} act={act} />}
        {canAct && <BoloForm ref={boloTitle} incident={incident} onSent={(b: Bolo) => setMessage(`BOLO “${b.title}” sent to patrol.`)} />}
        <div className="panel">
          <h2>Timeline</h2>
          <ol className="timeline">{timeline.map((e) => <li key={e.id}><time dateTime={e.at}>{formatTime(e.at)}</time>{e.text}</li>)}</ol>
        </div>
      </div>
    </section>
  );
}
