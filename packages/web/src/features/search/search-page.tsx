/**
 * Vehicle search for investigators: a reason remembered for the session, a natural-language box whose filters
 * appear as chips before anything runs, a drawn area on the map, results with thumbnails beside the map, and one
 * click from a hit to its vehicle's journey.
 */
import { useMemo, useRef, useState } from 'react';
import { useSession } from '../../app/session.tsx';
import { ErrorBanner } from '../../ui/feedback.tsx';
import { chipsFor, mergeFilters } from './search-chips.ts';
import { loadPurpose, savePurpose, searchApi, type Journey, type Purpose, type SearchFilters, type SearchResult } from './search-api.ts';
import { useSearchMap } from './search-map.ts';
import { JourneyPanel, ResultList } from './search-results.tsx';
import './search.css';

const COLOURS = ['red', 'white', 'black', 'gray', 'silver', 'blue', 'green', 'yellow', 'orange', 'brown', 'beige', 'gold', 'purple'];
const TYPES = ['car', 'suv', 'pickup', 'van', 'truck', 'bus', 'motorcycle', 'bicycle'];

function PurposeFields({ purpose, setPurpose, offences }: { purpose: Purpose; setPurpose: (p: Purpose) => void; offences: string[] }) {
  const set = (k: keyof Purpose) => (e: { target: { value: string } }) => setPurpose({ ...purpose, [k]: e.target.value });
  return (
    <fieldset className="search-purpose">
      <legend>Reason for this search (required, kept for this session)</legend>
      <label className="field"><span className="field__label">Case number</span><input value={purpose.caseNumber} onChange={set('caseNumber')} required /></label>
      <label className="field"><span className="field__label">Offence</span>
        <select value={purpose.offence} onChange={set('offence')} required><option value="">Choose…</option>{offences.map((o) => <option key={o}>{o}</option>)}</select>
      </label>
      <label className="field"><span className="field__label">Why</span><input value={purpose.text} onChange={set('text')} required minLength={3} /></label>
    </fieldset>
  );
}

export function SearchPage() {
  const { config, session } = useSession();
  const [purpose, setPurposeState] = useState<Purpose>(loadPurpose);
  const setPurpose = (p: Purpose) => { setPurposeState(p); savePurpose(p); };
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<SearchFilters>({ time: { last: '24h' } });
  const [unparsed, setUnparsed] = useState<string[]>([]);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [journey, setJourney] = useState<Journey | null>(null);
  const [drawing, setDrawing] = useState<[number, number][] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const host = useRef<HTMLDivElement>(null);
  const ready = purpose.caseNumber.trim() && purpose.offence && purpose.text.trim().length >= 3;

  const state = useMemo(() => ({ hits: result?.items ?? [], selectedId, journey, area: filters.place?.polygon ?? null, drawing }), [result, selectedId, journey, filters.place, drawing]);
  const { tileUrl } = useSearchMap(host, state, (p) => drawing && setDrawing([...drawing, p]), (id) => setSelectedId(id));

  const guard = async (fn: () => Promise<void>) => {
    setBusy(true);
    try { await fn(); setError(null); } catch (e) { setError(e); } finally { setBusy(false); }
  };
  const run = (cursor?: string) => guard(async () => {
    const r = await searchApi.search(purpose, filters, filters.plate ? 'quality' : 'time_desc', cursor);
    setResult(cursor && result ? { ...r, items: [...result.items, ...r.items] } : r);
    if (!cursor) { setSelectedId(null); setJourney(null); }
  });
  const parse = () => guard(async () => {
    const p = await searchApi.parse(text);
    setFilters((f) => mergeFilters(f, p.filters));
    setUnparsed(p.unparsed);
  });
  const openJourney = (plate: string) => guard(async () => setJourney(await searchApi.journey(purpose, plate)));
  const toggle = (k: 'colours' | 'types', v: string) => setFilters((f) => ({ ...f, [k]: f[k]?.includes(v) ? f[k]!.filter((x) => x !== v) : [...(f[k] ?? []), v] }));

  return (
    <div className="search-page">
      <div ref={host} className={`map${tileUrl ? '' : ' map--plain'}${drawing ? ' map--drawing' : ''}`} role="region" aria-label="Search map: results, drawn area and journeys" />
      <section className="search-panel" aria-label="Vehicle search">
        <h1>Vehicle search</h1>
        <PurposeFields purpose={purpose} setPurpose={setPurpose} offences={config?.offenceCategories ?? []} />
        <form className="search-nl" onSubmit={(e) => { e.preventDefault(); void parse(); }}>
          <label className="field"><span className="field__label">Describe the vehicle, place and time</span>
            <input value={text} onChange={(e) => setText(e.target.value)} placeholder="red pickup near Gravois and Chippewa last night after 9" />
          </label>
          <button type="submit" className="button button--secondary button--small">Add to filters</button>
        </form>
        {unparsed.length ? <p className="muted small">Not understood: {unparsed.join(' ')}</p> : null}
        <ul className="chips" aria-label="Filters">
          {chipsFor(filters).map((c) => <li key={c.key} className="chip">{c.label}<button type="button" aria-label={`Remove ${c.label}`} onClick={() => setFilters(c.remove)}>×</button></li>)}
        </ul>
        <details className="search-more">
          <summary>Colour, type, plate, time</summary>
          <div className="toggles" role="group" aria-label="Colours">{COLOURS.map((c) => <button type="button" key={c} aria-pressed={!!filters.colours?.includes(c)} onClick={() => toggle('colours', c)}>{c}</button>)}</div>
          <div className="toggles" role="group" aria-label="Types">{TYPES.map((t) => <button type="button" key={t} aria-pressed={!!filters.types?.includes(t)} onClick={() => toggle('types', t)}>{t}</button>)}</div>
          <label className="field"><span className="field__label">Plate (? one character, * any run)</span>
            <input value={filters.plate?.text ?? ''} onChange={(e) => setFilters((f) => ({ ...f, plate: e.target.value ? { text: e.target.value, fuzzy: !/[?*]/.test(e.target.value) } : undefined }))} />
          </label>
          <label className="field"><span className="field__label">Time</span>
            <select value={filters.time?.last ?? ''} onChange={(e) => setFilters((f) => ({ ...f, time: { last: e.target.value } }))}>
              {!filters.time?.last ? <option value="">as chosen</option> : null}{['1h', '6h', '24h', '3d', '7d', '30d'].map((t) => <option key={t} value={t}>last {t}</option>)}
            </select>
          </label>
        </details>
        <div className="search-actions">
          {drawing
            ? <><button type="button" className="button button--small" disabled={drawing.length < 3} onClick={() => { setFilters((f) => ({ ...f, place: { polygon: drawing } })); setDrawing(null); }}>Finish area ({drawing.length} points)</button>
              <button type="button" className="button button--secondary button--small" onClick={() => setDrawing(null)}>Cancel</button></>
            : <button type="button" className="button button--secondary button--small" onClick={() => setDrawing([])}>Draw area on map</button>}
          <button type="button" className="button" disabled={!ready || busy} onClick={() => void run()}>Search</button>
        </div>
        {!ready ? <p className="muted small">Give a case number, an offence and a reason to search.</p> : null}
        {error ? <ErrorBanner error={error} /> : null}
        {journey
          ? <JourneyPanel journey={journey} onClose={() => setJourney(null)} />
          : <ResultList result={result} selectedId={selectedId} onSelect={setSelectedId} onJourney={openJourney} onMore={() => void run(result?.nextCursor ?? undefined)}
              onExport={(format) => void guard(() => searchApi.download(purpose, filters, format, session?.csrfToken ?? ''))} />}
      </section>
    </div>
  );
}
