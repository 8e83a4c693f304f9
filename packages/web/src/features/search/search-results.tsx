/** Search hits as a list with thumbnails, and a journey's sightings in time order. */
import { EmptyState } from '../../ui/feedback.tsx';
import { searchApi, type Journey, type SearchHit, type SearchResult } from './search-api.ts';

function HitRow({ hit, selected, onSelect, onJourney }: { hit: SearchHit; selected: boolean; onSelect: () => void; onJourney?: () => void }) {
  return (
    <li className={`hit${selected ? ' hit--selected' : ''}`}>
      <button type="button" className="hit__main" onClick={onSelect} aria-pressed={selected}>
        {hit.thumbnailUrl ? <img src={searchApi.thumbnail(hit.thumbnailUrl)} alt={`${hit.colour ?? ''} ${hit.type}`} width={72} height={48} /> : <span className="hit__nothumb" aria-hidden="true">{hit.type}</span>}
        <span>
          <strong>{hit.colour ?? 'unknown colour'} {hit.type}</strong>{hit.colourMatch === 'similar' ? <em> (similar colour)</em> : null}
          <br /><span className="plate">{hit.plate ?? '—'}</span>{hit.plateMatch ? <em> {hit.plateMatch.quality.replace('_', ' ')}</em> : null}
          <br /><span className="muted small">{new Date(hit.startedAt).toLocaleString()} · {hit.cameraName ?? hit.cameraId}</span>
        </span>
      </button>
      {onJourney && hit.plate ? <button type="button" className="button button--secondary button--small" onClick={onJourney}>Journey</button> : null}
    </li>
  );
}

export function ResultList({ result, selectedId, onSelect, onJourney, onMore, onExport }: {
  result: SearchResult | null; selectedId: string | null; onSelect: (id: string) => void; onJourney: (plate: string) => void; onMore: () => void; onExport: (f: 'csv' | 'geojson') => void;
}) {
  if (!result) return <EmptyState title="No search yet">Give a reason, add filters (or describe the vehicle), then press Search.</EmptyState>;
  if (!result.items.length) return <EmptyState title="Nothing found">Widen the time range or the area, or remove a filter.</EmptyState>;
  return (
    <div className="results">
      <p role="status" className="small">{result.items.length} shown of {result.total.count}{result.total.capped ? '+' : ''}{result.colours.offered.length ? ` · also showing ${result.colours.offered.join(', ')}` : ''}</p>
      <ol className="hits" aria-label="Results">
        {result.items.map((h) => <HitRow key={h.id} hit={h} selected={h.id === selectedId} onSelect={() => onSelect(h.id)} onJourney={() => onJourney(h.plate!)} />)}
      </ol>
      <div className="search-actions">
        {result.nextCursor ? <button type="button" className="button button--secondary button--small" onClick={onMore}>More</button> : null}
        <button type="button" className="button button--secondary button--small" onClick={() => onExport('csv')}>Export CSV</button>
        <button type="button" className="button button--secondary button--small" onClick={() => onExport('geojson')}>Export GeoJSON</button>
      </div>
    </div>
  );
}

export function JourneyPanel({ journey, onClose }: { journey: Journey; onClose: () => void }) {
  return (
    <div className="results" aria-label={`Journey of ${journey.plate}`}>
      <h2>Journey of <span className="plate">{journey.plate}</span></h2>
      <p role="status" className="small">{journey.sightings.length} sightings in time order</p>
      <ol className="hits">{journey.sightings.map((s) => <HitRow key={s.id} hit={s} selected={false} onSelect={() => {}} />)}</ol>
      <button type="button" className="button button--secondary button--small" onClick={onClose}>Back to results</button>
    </div>
  );
}
