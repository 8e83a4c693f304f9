/** A camera's recording as a horizontal bar: recorded time, gaps (cause on hover or focus), deletions; click to pick a time. */
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { recordingsApi } from '../../api/recordings.ts';
import type { Camera, RecordingTimeline as Timeline } from '../../api/types.ts';
import { ErrorBanner } from '../../ui/feedback.tsx';
import { KIND_LABEL, buildSpans, causeInWords, totals, type Span } from './timeline-model.ts';
import { clock, duration, stamp } from './time.ts';
import { ago, useNow } from '../../ui/time.ts';

export const RANGES = [
  { key: '24h', label: '24 hours', ms: 24 * 3_600_000 },
  { key: '1h', label: '1 hour', ms: 3_600_000 },
  { key: '10m', label: '10 minutes', ms: 600_000 },
] as const;
export type RangeKey = (typeof RANGES)[number]['key'];

const REFRESH_MS = 20_000;

function spanText(s: Span): string {
  const when = `${clock(s.start)} – ${clock(s.end)} (${duration(s.end - s.start)})`;
  if (s.kind === 'gap') return `Not recorded ${when}: ${causeInWords(s.cause ?? '')}`;
  if (s.kind === 'deleted') return `Deleted ${when}: ${causeInWords(s.cause ?? '')}`;
  return `${KIND_LABEL[s.kind]} ${when}`;
}

/** Tick marks: every 4 h over a day, 10 min over an hour, 2 min over ten minutes. */
function ticks(from: number, to: number): number[] {
  const span = to - from;
  const step = span > 6 * 3_600_000 ? 4 * 3_600_000 : span > 1_800_000 ? 600_000 : 120_000;
  const out: number[] = [];
  // Local hours (a UTC grid would put ticks at odd local times); none too close to "now".
  const offset = new Date(from).getTimezoneOffset() * 60_000;
  for (let t = Math.ceil((from - offset) / step) * step + offset; t < to - span * 0.08; t += step) out.push(t);
  return out;
}

export function RecordingTimeline({ camera, onPick }: { camera: Camera; onPick?: (t: number) => void }) {
  const [range, setRange] = useState<RangeKey>('24h');
  const [data, setData] = useState<Timeline | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const now = useNow(5000);
  const rangeMs = RANGES.find((r) => r.key === range)!.ms;

  useEffect(() => {
    let stopped = false;
    const load = () => {
      const to = new Date();
      const from = new Date(to.getTime() - rangeMs);
      recordingsApi.timeline(camera.id, { from: from.toISOString(), to: to.toISOString() }).then(
        (t) => !stopped && (setData(t), setError(null)),
        (e: unknown) => !stopped && setError(e),
      );
    };
    load();
    const t = setInterval(load, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(t);
    };
  }, [camera.id, camera.status, rangeMs, version]);

  // The bar ends now (ticking), starting `rangeMs` before; gaps and deletions come from the last answer.
  const to = now;
  const from = to - rangeMs;
  const spans = useMemo(
    () =>
      data
        ? buildSpans({
            from, to, createdAt: Date.parse(camera.createdAt), status: camera.status,
            lastFrameAt: camera.lastFrameAt ? Date.parse(camera.lastFrameAt) : data.lastFrameAt ? Date.parse(data.lastFrameAt) : null,
            gaps: data.gaps, deletions: data.deletions,
          })
        : [],
    [data, from, to, camera.createdAt, camera.status, camera.lastFrameAt],
  );
  const sum = totals(spans);
  const gaps = spans.filter((s) => s.kind === 'gap' || s.kind === 'deleted').reverse();
  const pct = (t: number) => `${(((t - from) / rangeMs) * 100).toFixed(3)}%`;
  const label = RANGES.find((r) => r.key === range)!.label;
  // Tooltips near either end open inwards, so they stay on screen.
  const tipSide = (s: Span) => {
    const mid = ((s.start + s.end) / 2 - from) / rangeMs;
    return mid > 0.75 ? ' cd-tl__span--tip-end' : mid < 0.25 ? ' cd-tl__span--tip-start' : '';
  };

  const pick = (e: MouseEvent<HTMLDivElement>) => {
    if (!onPick) return;
    const box = e.currentTarget.getBoundingClientRect();
    const t = from + ((e.clientX - box.left) / box.width) * rangeMs;
    onPick(Math.round(t / 1000) * 1000);
  };

  return (
    <section className="panel cd-timeline" aria-labelledby="tl-title">
      <div className="cd-timeline__head">
        <h2 id="tl-title">Recording</h2>
        <div className="cd-seg" role="group" aria-label="Show the last">
          {RANGES.map((r) => (
            <button key={r.key} type="button" aria-pressed={range === r.key} className="cd-seg__item" onClick={() => setRange(r.key)}>
              {r.label}
            </button>
          ))}
        </div>
      </div>
      <ErrorBanner error={error} onRetry={() => setVersion((v) => v + 1)} />
      {!data && !error && <p className="loading" role="status">Loading the recording…</p>}
      {data && (
        <>
          <p className="cd-timeline__summary" data-testid="timeline-summary" data-recorded-ms={sum.recorded}>
            <strong>{sum.recorded > 0 ? `${duration(sum.recorded)} recorded` : 'Nothing recorded'}</strong> in the last {label}
            {gaps.length > 0 ? ` · ${gaps.length} ${gaps.length === 1 ? 'gap' : 'gaps'} (${duration(sum.gap + sum.deleted)})` : sum.recorded > 0 ? ' · no gaps' : ''}
            {' · '}
            {camera.status === 'online' ? 'recording now' : data.lastFrameAt ? `last picture ${ago(now - Date.parse(data.lastFrameAt))}` : 'no picture yet'}
          </p>
          <div className="cd-tl" role="group" aria-label={`Recording timeline, last ${label} to now`}>
            <div className={`cd-tl__bar${onPick ? ' cd-tl__bar--pick' : ''}`} onClick={pick} title={onPick ? 'Click to start a clip here' : undefined}>
              {spans.map((s) => {
                const focusable = s.kind === 'gap' || s.kind === 'deleted';
                const text = spanText(s);
                return (
                  <span
                    key={`${s.kind}-${s.start}`}
                    className={`cd-tl__span cd-tl__span--${s.kind}${tipSide(s)}`}
                    style={{ left: pct(s.start), width: pct(from + (s.end - s.start)) }}
                    tabIndex={focusable ? 0 : undefined}
                    role={focusable ? 'img' : undefined}
                    aria-label={focusable ? text : undefined}
                    aria-hidden={focusable ? undefined : true}
                    title={focusable ? undefined : text}
                  >
                    {focusable && (
                      <span className="cd-tl__tip" aria-hidden="true">
                        <strong>{s.kind === 'gap' ? causeInWords(s.cause ?? '') : 'Deleted by retention'}</strong>
                        <br />
                        {clock(s.start)} – {clock(s.end)} ({duration(s.end - s.start)})
                      </span>
                    )}
                  </span>
                );
              })}
            </div>
            <div className="cd-tl__axis" aria-hidden="true">
              {ticks(from, to).map((t) => (
                <span key={t} className="cd-tl__tick" style={{ left: pct(t) }}>
                  {new Date(t).toLocaleTimeString(undefined, rangeMs > 6 * 3_600_000 ? { hour: 'numeric' } : { hour: 'numeric', minute: '2-digit' })}
                </span>
              ))}
              <span className="cd-tl__tick cd-tl__tick--now">now</span>
            </div>
          </div>
          <ul className="cd-legend" aria-label="Legend">
            <li><span className="cd-swatch cd-tl__span--recorded" aria-hidden="true" /> Recorded</li>
            <li><span className="cd-swatch cd-tl__span--gap" aria-hidden="true" /> Not recorded (point or tab to see why)</li>
            <li><span className="cd-swatch cd-tl__span--deleted" aria-hidden="true" /> Deleted by retention</li>
            <li><span className="cd-swatch cd-tl__span--nopicture" aria-hidden="true" /> No picture / not yet added</li>
          </ul>
          {gaps.length > 0 ? (
            <details className="cd-gaps">
              <summary>
                {gaps.length} {gaps.length === 1 ? 'gap' : 'gaps'} in the last {label}
              </summary>
              <ul>
                {gaps.map((g) => (
                  <li key={`${g.kind}-${g.start}`}>
                    <strong>{g.kind === 'gap' ? causeInWords(g.cause ?? '') : causeInWords(g.cause ?? 'retention')}</strong>: {stamp(g.start)} – {clock(g.end)} ({duration(g.end - g.start)})
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}
