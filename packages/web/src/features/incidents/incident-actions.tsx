/** The operator's actions on an incident: status, disposition (closing needs one), notes. */
import { useState } from 'react';
import { humanise } from '../../ui/format.tsx';
import { DISPOSITIONS, INCIDENT_STATUSES, rtccApi, type Incident } from './rtcc-api.ts';

export function IncidentActions({ incident, act }: { incident: Incident; act: (f: () => Promise<unknown>, done: string) => Promise<void> }) {
  const [note, setNote] = useState('');
  const [disposition, setDisposition] = useState('');
  return (
    <div className="panel stack">
      <h2>Status</h2>
      <div className="form-row">
        {INCIDENT_STATUSES.filter((s) => s !== 'closed').map((s) => (
          <button key={s} type="button" className="button button--secondary" aria-pressed={incident.status === s} onClick={() => void act(() => rtccApi.updateIncident(incident.id, { status: s }), `Status: ${humanise(s)}`)}>{humanise(s)}</button>
        ))}
      </div>
      <div className="form-row">
        <label className="field"><span className="field__label">Disposition</span>
          <select value={disposition} onChange={(e) => setDisposition(e.target.value)}>
            <option value="">Choose the outcome…</option>
            {DISPOSITIONS.map((d) => <option key={d} value={d}>{humanise(d)}</option>)}
          </select>
        </label>
        <button type="button" className="button button--secondary" disabled={!disposition} onClick={() => void act(() => rtccApi.updateIncident(incident.id, { status: 'closed', disposition }), 'Closed')}>Close incident</button>
      </div>
      <form className="form-row" onSubmit={(e) => { e.preventDefault(); void act(() => rtccApi.addNote(incident.id, note), 'Note added').then(() => setNote('')); }}>
        <label className="field"><span className="field__label">Note</span><input value={note} onChange={(e) => setNote(e.target.value)} /></label>
        <button className="button button--secondary" disabled={!note.trim()}>Add note</button>
      </form>
    </div>
  );
}
