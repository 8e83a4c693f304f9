import { describe, expect, it } from 'vitest';
import { buildSpans, causeInWords, totals } from './timeline-model.ts';

const T = Date.parse('2026-11-22T10:00:00.000Z');
const min = 60_000;
const iso = (t: number) => new Date(t).toISOString();

describe('recording timeline model', () => {
  it('cuts the window into before / recorded / gap and merges equal neighbours', () => {
    const spans = buildSpans({
      from: T, to: T + 60 * min, createdAt: T + 10 * min, status: 'online', lastFrameAt: T + 60 * min,
      gaps: [{ start: iso(T + 20 * min), end: iso(T + 25 * min), cause: 'stream_unreachable: Connection refused' }], deletions: [],
    });
    expect(spans.map((s) => [s.kind, (s.start - T) / min, (s.end - T) / min])).toEqual([
      ['before', 0, 10], ['recorded', 10, 20], ['gap', 20, 25], ['recorded', 25, 60],
    ]);
    expect(totals(spans).recorded).toBe(45 * min);
  });

  it('an open gap runs to the end; an offline camera shows no picture after its last frame; deletions show', () => {
    const spans = buildSpans({
      from: T, to: T + 60 * min, createdAt: T - 600 * min, status: 'offline', lastFrameAt: T + 40 * min,
      gaps: [{ start: iso(T + 40 * min), end: null, cause: 'edge_offline' }],
      deletions: [{ cameraId: 'c', segmentStart: iso(T - min), segmentEnd: iso(T + 2 * min), bytes: 1, reason: 'disk_budget', deletedAt: iso(T) }],
    });
    expect(spans.map((s) => [s.kind, (s.start - T) / min, (s.end - T) / min])).toEqual([
      ['deleted', 0, 2], ['recorded', 2, 40], ['gap', 40, 60],
    ]);
  });

  it('says causes in plain words', () => {
    expect(causeInWords('stream_unreachable: 404')).toBe('camera not reachable');
    expect(causeInWords('ffmpeg_exited code=1: boom')).toBe('recorder restarted');
    expect(causeInWords('stalled')).toMatch(/stalled/);
    expect(causeInWords('edge_offline')).toBe('edge box offline');
    expect(causeInWords('edge_stopped')).toBe('edge box was stopped');
  });
});
