/**
 * "Request a clip": a window and a reason → the hub asks the edge → progress while it is cut and uploaded → the
 * video, with the SHA-256 the edge computed and the one the hub computed, and whether they match.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { recordingsApi } from '../../api/recordings.ts';
import type { Camera, Clip } from '../../api/types.ts';
import { ErrorBanner } from '../../ui/feedback.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { formatBytes } from '../../ui/format.tsx';
import { useSubmit } from '../../ui/use-submit.ts';
import { clock, duration, stamp } from './time.ts';
import { useNow } from '../../ui/time.ts';
import { causeInWords } from './timeline-model.ts';

const LENGTHS = [10, 20, 30, 60, 120, 300, 600, 1800];
const POLL_MS = 1000;
/** How long after a window's end "nothing recorded there" may just mean "not on the edge's disk yet" (ask again). */
const STILL_WRITING_MS = 150_000;
const RETRY_MS = 15_000;

/** A `datetime-local` value (local time, seconds) for a time. */
function localInput(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

interface Form {
  start: string;
  lengthS: string;
  text: string;
  caseNumber: string;
  offence: string;
}

interface Tracked {
  clip: Clip;
  /** The request, for asking again while the edge is still writing the window. */
  input: Parameters<typeof recordingsApi.requestClip>[0];
  attempts: number;
  retryAt: number | null;
}

/** `blocked`: why this person may not ask for clips of this camera (sharing, role), shown instead of the form. */
export function ClipRequest({ camera, offences, picked, blocked }: { camera: Camera; offences: string[]; picked: number | null; blocked?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<Form>({ start: '', lengthS: '20', text: '', caseNumber: '', offence: '' });
  const [clips, setClips] = useState<Tracked[]>([]);
  const submit = useSubmit(recordingsApi.requestClip);
  const formRef = useRef<HTMLFormElement>(null);

  const openWith = (start: number) => {
    setForm((f) => ({ ...f, start: localInput(start) }));
    setOpen(true);
  };
  // A time picked on the timeline opens the form there.
  const canAsk = !blocked;
  useEffect(() => {
    if (picked !== null && canAsk) {
      openWith(picked);
      formRef.current?.scrollIntoView({ block: 'nearest' });
    }
  }, [picked, canAsk]);

  const update = useCallback((t: Tracked) => setClips((list) => list.map((x) => (x.input === t.input ? t : x))), []);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const startMs = new Date(form.start).getTime();
    if (!Number.isFinite(startMs)) return;
    const input = {
      cameraId: camera.id,
      start: new Date(startMs).toISOString(),
      end: new Date(startMs + Number(form.lengthS) * 1000).toISOString(),
      purpose: { text: form.text.trim(), ...(form.caseNumber.trim() ? { caseNumber: form.caseNumber.trim() } : {}), ...(form.offence ? { offence: form.offence } : {}) },
    };
    const clip = await submit.run(input);
    if (clip) {
      setClips((list) => [{ clip, input, attempts: 1, retryAt: null }, ...list]);
      setOpen(false);
    }
  };

  return (
    <section className="panel cd-clips" aria-labelledby="clips-title">
      <div className="cd-timeline__head">
        <h2 id="clips-title">Clips</h2>
        {!open && !blocked && (
          <button type="button" className="button button--primary" onClick={() => openWith(Date.now() - 25_000)}>
            Request a clip
          </button>
        )}
      </div>
      <p className="muted small">
        The edge box cuts the clip from its recording and sends it to the hub; both compute a SHA-256 fingerprint so anyone can check the copy is
        exact. Every request is recorded in the audit log with its reason.
      </p>
      {blocked && <div className="banner">{blocked}</div>}
      {open && !blocked && (
        <form ref={formRef} className="form" onSubmit={send} aria-label="Request a clip" noValidate>
          <ErrorBanner error={submit.error} />
          <div className="form-grid">
            <TextField label="Starts at" type="datetime-local" step={1} required value={form.start} onValue={(start) => setForm({ ...form, start })} error={submit.fieldErrors.start} hint="Your local time" />
            <SelectField
              label="Length"
              value={form.lengthS}
              options={LENGTHS.map((s) => ({ value: String(s), label: duration(s * 1000) }))}
              onValue={(lengthS) => setForm({ ...form, lengthS })}
              error={submit.fieldErrors.end}
            />
            <TextField label="Case number (optional)" value={form.caseNumber} onValue={(caseNumber) => setForm({ ...form, caseNumber })} error={submit.fieldErrors.caseNumber} />
            {offences.length > 0 && (
              <SelectField
                label="Offence (optional)"
                value={form.offence}
                options={[{ value: '', label: 'Not given' }, ...offences.map((o) => ({ value: o, label: o }))]}
                onValue={(offence) => setForm({ ...form, offence })}
              />
            )}
          </div>
          <TextField label="Why do you need this clip?" required value={form.text} onValue={(text) => setForm({ ...form, text })} error={submit.fieldErrors.text} hint="A few words; the owner and auditors can read it." />
          <div className="row">
            <button type="submit" className="button button--primary" disabled={submit.busy || !form.start}>
              {submit.busy ? 'Asking the edge…' : 'Request clip'}
            </button>
            <button type="button" className="button button--ghost" onClick={() => (setOpen(false), submit.clear())}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {clips.length === 0 && !open && !blocked && <p className="small">No clips requested from this page yet. Pick a time on the bar above, or use “Request a clip”.</p>}
      <ul className="cd-clip-list" aria-label="Requested clips">
        {clips.map((t) => (
          <li key={`${t.input.start}-${t.attempts}-${t.clip.id}`}>
            <ClipCard tracked={t} onUpdate={update} />
          </li>
        ))}
      </ul>
    </section>
  );
}

const STEPS = ['Asked the edge', 'Cut and sent by the edge', 'Fingerprints checked'] as const;
const stepOf = (c: Clip) => (c.status === 'requested' ? 1 : c.status === 'uploaded' ? 2 : 3);

/** One requested clip: polls until ready (or failed), asks again while the edge is still writing the window. */
function ClipCard({ tracked, onUpdate }: { tracked: Tracked; onUpdate: (t: Tracked) => void }) {
  const { clip, input } = tracked;
  const now = useNow(1000);
  const [pollError, setPollError] = useState<unknown>(null);
  const done = clip.status === 'ready' || clip.status === 'mismatch' || (clip.status === 'failed' && tracked.retryAt === null);
  const trackedRef = useRef(tracked);
  trackedRef.current = tracked;

  useEffect(() => {
    if (clip.status === 'ready' || clip.status === 'mismatch' || clip.status === 'failed') return;
    const t = setTimeout(() => {
      recordingsApi.clip(clip.id).then(
        (next) => {
          setPollError(null);
          const stillWriting = next.status === 'failed' && next.errorId === 'no_recording_in_window' && Date.now() - Date.parse(input.end) < STILL_WRITING_MS;
          onUpdate({ ...trackedRef.current, clip: next, retryAt: stillWriting ? Date.now() + RETRY_MS : null });
        },
        (e: unknown) => setPollError(e),
      );
    }, POLL_MS);
    return () => clearTimeout(t);
  }, [clip, input.end, onUpdate, pollError]);

  // The edge had not closed the segment holding this window yet: ask again shortly.
  useEffect(() => {
    if (tracked.retryAt === null) return;
    const t = setTimeout(() => {
      recordingsApi.requestClip(input).then(
        (next) => onUpdate({ ...trackedRef.current, clip: next, attempts: trackedRef.current.attempts + 1, retryAt: null }),
        (e: unknown) => {
          setPollError(e);
          onUpdate({ ...trackedRef.current, retryAt: null });
        },
      );
    }, Math.max(0, tracked.retryAt - Date.now()));
    return () => clearTimeout(t);
  }, [tracked.retryAt, input, onUpdate]);

  const elapsed = duration(now - Date.parse(tracked.clip.createdAt));
  const title = `${clock(input.start)} – ${clock(input.end)} · ${duration(Date.parse(input.end) - Date.parse(input.start))}`;
  const match = clip.edgeSha256 !== null && clip.edgeSha256 === clip.hubSha256;

  return (
    <article className="cd-clip" aria-label={`Clip ${title}`} data-status={clip.status}>
      <h3>
        Clip {title} <span className="muted small">{stamp(input.start).split(',')[0]}</span>
      </h3>
      <p className="small muted">Reason: {input.purpose.text}{input.purpose.caseNumber ? ` · case ${input.purpose.caseNumber}` : ''}</p>
      {!done && tracked.retryAt === null && (
        <div className="cd-progress" role="status">
          <progress max={STEPS.length} value={stepOf(clip)} aria-label="Clip progress" />
          <ol className="cd-steps">
            {STEPS.map((s, i) => (
              <li key={s} className={i < stepOf(clip) ? 'cd-steps__done' : i === stepOf(clip) ? 'cd-steps__now' : undefined}>
                <span aria-hidden="true">{i < stepOf(clip) ? '✓' : i === stepOf(clip) ? '→' : '○'}</span> {s}
                {i < stepOf(clip) ? <span className="visually-hidden"> (done)</span> : i === stepOf(clip) ? <span className="visually-hidden"> (now)</span> : null}
              </li>
            ))}
          </ol>
          <p className="small">Working… {elapsed}</p>
        </div>
      )}
      {tracked.retryAt !== null && (
        <p className="banner" role="status">
          The edge has not written this part of the recording to disk yet. Asking again at {clock(tracked.retryAt)}
          {tracked.attempts > 1 ? ` (attempt ${tracked.attempts + 1})` : ''}.
        </p>
      )}
      <ErrorBanner error={pollError} />
      {clip.status === 'failed' && tracked.retryAt === null && (
        <div className="banner banner--error" role="alert">
          <p>
            <strong>The clip could not be made.</strong> {failureText(clip)}
          </p>
          <p className="muted small">Error code: {clip.errorId ?? 'unknown'}</p>
        </div>
      )}
      {(clip.status === 'ready' || clip.status === 'mismatch') && (
        <>
          {clip.status === 'ready' && (
            // Camera video has no sound or speech, so no captions track.
            <ClipVideo src={recordingsApi.clipVideoUrl(clip.id)} label={`Clip from ${title}`} />
          )}
          <dl className="cd-hashes">
            <dt>SHA-256 at the edge</dt>
            <dd><code data-testid="edge-sha256">{clip.edgeSha256 ?? '—'}</code></dd>
            <dt>SHA-256 at the hub</dt>
            <dd><code data-testid="hub-sha256">{clip.hubSha256 ?? '—'}</code></dd>
          </dl>
          {match ? (
            <p className="cd-verdict cd-verdict--ok" data-testid="hash-verdict">✓ Fingerprints match: the hub holds exactly what the edge cut.</p>
          ) : (
            <p className="cd-verdict cd-verdict--bad" data-testid="hash-verdict" role="alert">
              ✗ Fingerprints differ: the copy at the hub is not what the edge cut. Do not use it as evidence; request it again.
            </p>
          )}
          <p className="small muted">
            Covers {clock(clip.start)} – {clock(clip.end)}
            {clip.bytes !== null ? ` · ${formatBytes(clip.bytes)}` : ''}
            {clip.gaps.length > 0 ? ` · ${clip.gaps.length} gap(s) inside: ${clip.gaps.map((g) => causeInWords(g.cause)).join(', ')}` : ''}
            {clip.status === 'ready' && (
              <>
                {' · '}
                <a href={recordingsApi.clipVideoUrl(clip.id)} download={`clip-${clip.id}.mp4`}>
                  Download
                </a>
              </>
            )}
          </p>
        </>
      )}
    </article>
  );
}

/** The clip's player; on leaving the page it lets go of its connection to the hub (a <video> keeps it otherwise). */
function ClipVideo({ src, label }: { src: string; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = ref.current;
    return () => {
      if (!v) return;
      v.pause();
      v.removeAttribute('src');
      v.load();
    };
  }, [src]);
  return <video ref={ref} className="cd-clip__video" controls preload="metadata" src={src} aria-label={label} />;
}

function failureText(clip: Clip): string {
  switch (clip.errorId) {
    case 'no_recording_in_window':
      return 'Nothing is recorded in that window. Pick a time inside the recorded (green) part of the bar.';
    case 'edge_timeout':
      return 'The edge box did not answer in time. Check that it is online, then try again.';
    case 'camera_not_on_edge':
      return 'The edge box no longer records this camera.';
    default:
      return clip.errorMessage ?? 'Try again in a minute.';
  }
}
