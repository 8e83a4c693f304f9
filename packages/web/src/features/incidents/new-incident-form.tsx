/** Enter a call by hand: type, priority, and an address (geocoded offline) or a dropped pin (lat/lon). */
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/http.ts';
import { PinMap } from './pin-map.tsx';
import { rtccApi, type Incident } from './rtcc-api.ts';

export function NewIncidentForm({ onCreated }: { onCreated: (i: Incident) => void }) {
  const [type, setType] = useState('');
  const [priority, setPriority] = useState('2');
  const [address, setAddress] = useState('');
  const [pin, setPin] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<{ message: string; suggestions: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [showMap, setShowMap] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const point = parsePin(pin);
    const where = point ? { ...point, address: address.trim() || undefined } : { address: address.trim() };
    try {
      const created = await rtccApi.createIncident({ type: type.trim(), priority: Number(priority), ...where, callerNotes: notes.trim() || undefined });
      setType('');
      setAddress('');
      setPin('');
      setNotes('');
      onCreated(created);
    } catch (err) {
      const suggestions = isApiError(err) && Array.isArray(err.details?.suggestions) ? (err.details.suggestions as string[]) : [];
      setError({ message: err instanceof Error ? err.message : String(err), suggestions });
      if (isApiError(err) && err.id === 'address_not_found') setShowMap(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel stack" onSubmit={submit} aria-label="New incident">
      <h2>New incident</h2>
      <div className="form-row">
        <label className="field">
          <span className="field__label">Type</span>
          <input required value={type} onChange={(e) => setType(e.target.value)} placeholder="Robbery" />
        </label>
        <label className="field">
          <span className="field__label">Priority</span>
          <select value={priority} onChange={(e) => setPriority(e.target.value)}>
            {[1, 2, 3, 4, 5].map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
      </div>
      <label className="field">
        <span className="field__label">Address or intersection</span>
        <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder="3500 Gravois Ave, or Gravois & Chippewa" />
      </label>
      <label className="field">
        <span className="field__label">Or a pin: latitude, longitude</span>
        <input value={pin} onChange={(e) => setPin(e.target.value)} placeholder="38.5905, -90.2405" inputMode="decimal" />
      </label>
      <button type="button" className="button button--ghost button--small" aria-expanded={showMap} onClick={() => setShowMap((v) => !v)}>{showMap ? 'Hide the map' : 'Drop a pin on the map'}</button>
      {showMap && <PinMap pin={parsePin(pin)} onPin={(p) => setPin(`${p.lat}, ${p.lon}`)} />}
      <label className="field">
        <span className="field__label">Caller notes</span>
        <textarea className="rtcc-text" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {error && (
        <div role="alert" className="banner banner--warning">
          <p>{error.message}</p>
          {error.suggestions.length > 0 && (
            <p>
              Did you mean:{' '}
              {error.suggestions.map((s) => (
                <button key={s} type="button" className="button button--link" onClick={() => setAddress(/^\d/.test(s) || s.includes('&') ? s : `${/^\d+\s/.exec(address.trim())?.[0] ?? ''}${s}`)}>{s}</button>
              ))}
            </p>
          )}
        </div>
      )}
      <button className="button button--primary" disabled={busy || !type.trim() || (!address.trim() && !pin.trim())}>{busy ? 'Creating…' : 'Create incident'}</button>
    </form>
  );
}

/** "38.5905, -90.2405" → a point, or null. */
function parsePin(text: string): { lat: number; lon: number } | null {
  const [lat, lon] = text.split(',').map((x) => Number(x.trim()));
  return text.trim() && Number.isFinite(lat) && Number.isFinite(lon) ? { lat: lat!, lon: lon! } : null;
}
