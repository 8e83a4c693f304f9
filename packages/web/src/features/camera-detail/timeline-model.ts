/**
 * The recording bar's model: a window cut into spans (recorded, gap with its cause, deleted by retention, no picture,
 * before the camera was added), and gap causes in plain words.
 */
import type { CameraStatus, RecordingGap, RetentionReceipt } from '../../api/types.ts';

export type SpanKind = 'before' | 'recorded' | 'gap' | 'deleted' | 'nopicture';

export interface Span {
  start: number;
  end: number;
  kind: SpanKind;
  /** The gap's cause as the edge reported it, or the deletion's reason. */
  cause?: string;
}

export interface TimelineInput {
  from: number;
  to: number;
  createdAt: number;
  status: CameraStatus;
  lastFrameAt: number | null;
  gaps: readonly RecordingGap[];
  deletions: readonly RetentionReceipt[];
}

const PRIORITY: Record<SpanKind, number> = { before: 0, nopicture: 1, recorded: 2, deleted: 3, gap: 4 };

/** Cuts [from, to] into spans; gaps win over deletions, which win over recorded time. Adjacent equal spans merge. */
export function buildSpans(input: TimelineInput): Span[] {
  const { from, to } = input;
  if (!(to > from)) return [];
  const clamp = (t: number) => Math.min(to, Math.max(from, t));
  const start = clamp(input.createdAt);
  const recordedEnd = input.status === 'online' ? to : input.lastFrameAt !== null ? clamp(input.lastFrameAt) : start;
  const overlays: Span[] = [
    { start: from, end: start, kind: 'before' },
    { start, end: recordedEnd, kind: 'recorded' },
    { start: Math.max(start, recordedEnd), end: to, kind: 'nopicture' },
  ];
  for (const g of input.gaps) {
    const s = clamp(Date.parse(g.start));
    const e = g.end === null ? to : clamp(Date.parse(g.end));
    overlays.push({ start: s, end: e, kind: 'gap', cause: g.cause });
  }
  for (const d of input.deletions) overlays.push({ start: clamp(Date.parse(d.segmentStart)), end: clamp(Date.parse(d.segmentEnd)), kind: 'deleted', cause: d.reason });
  const live = overlays.filter((o) => o.end > o.start && Number.isFinite(o.start) && Number.isFinite(o.end));
  const cuts = [...new Set(live.flatMap((o) => [o.start, o.end]))].sort((a, b) => a - b);
  const out: Span[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    let best: Span | null = null;
    for (const o of live) if (o.start <= a && o.end >= b && (!best || PRIORITY[o.kind] >= PRIORITY[best.kind])) best = o;
    if (!best) continue;
    const last = out[out.length - 1];
    if (last && last.end === a && last.kind === best.kind && last.cause === best.cause) last.end = b;
    else out.push({ start: a, end: b, kind: best.kind, ...(best.cause !== undefined ? { cause: best.cause } : {}) });
  }
  return out;
}

/** Total milliseconds of each kind. */
export function totals(spans: readonly Span[]): Record<SpanKind, number> {
  const t: Record<SpanKind, number> = { before: 0, recorded: 0, gap: 0, deleted: 0, nopicture: 0 };
  for (const s of spans) t[s.kind] += s.end - s.start;
  return t;
}

/** A gap's cause in plain words (the edge sends `stream_unreachable: <detail>`, `ffmpeg_exited code=1: …`, `stalled`…). */
export function causeInWords(cause: string): string {
  const word = /^[a-z_]+/.exec(cause)?.[0] ?? cause;
  switch (word) {
    case 'stream_unreachable':
      return 'camera not reachable';
    case 'stalled':
      return 'picture stalled (recorder restarted)';
    case 'ffmpeg_exited':
      return 'recorder restarted';
    case 'edge_offline':
      return 'edge box offline';
    case 'edge_stopped':
      return 'edge box was stopped';
    case 'retention':
      return 'deleted: older than the camera keeps video';
    case 'disk_budget':
      return 'deleted: the edge box’s disk was full';
    default:
      return cause.replace(/_/g, ' ');
  }
}

export const KIND_LABEL: Record<SpanKind, string> = {
  before: 'Before this camera was added',
  recorded: 'Recorded',
  gap: 'Not recorded',
  deleted: 'Deleted by retention',
  nopicture: 'No picture',
};
