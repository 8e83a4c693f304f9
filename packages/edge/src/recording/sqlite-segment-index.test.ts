import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepRetention } from './retention-sweeper.ts';
import { createSqliteSegmentIndex } from './sqlite-segment-index.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12);
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'camnet-idx-'));
  dirs.push(dir);
  const index = createSqliteSegmentIndex(new Database(join(dir, 'edge.db')));
  const add = (cameraId: string, startMs: number, bytes = 100) => {
    const path = join(dir, `${cameraId}-${startMs}.mp4`);
    writeFileSync(path, Buffer.alloc(bytes));
    return index.addSegment({ cameraId, path, startMs, endMs: startMs + 60_000, bytes });
  };
  return { dir, index, add };
}

describe('SQLite segment index', () => {
  it('finds segments overlapping a window, oldest first, and the latest', () => {
    const { index, add } = setup();
    const [a, b] = [add('c1', NOW), add('c1', NOW + 60_000), add('c1', NOW + 120_000), add('c2', NOW)];
    expect(index.segmentsBetween('c1', NOW + 30_000, NOW + 90_000).map((s) => s.id)).toEqual([a.id, b.id]);
    expect(index.latestSegment('c1')?.startMs).toBe(NOW + 120_000);
    expect(index.totalBytes()).toBe(400);
    expect(index.hasPath(a.path)).toBe(true);
  });

  it('opens and closes gaps with their cause', () => {
    const { index } = setup();
    const g = index.openGap('c1', NOW, 'ffmpeg_exited code=1');
    expect(index.openGapOf('c1')?.id).toBe(g.id);
    index.closeGap(g.id, NOW + 5000);
    expect(index.openGapOf('c1')).toBeNull();
    expect(index.gapsBetween('c1', NOW - 1, NOW + 1)).toEqual([{ id: g.id, cameraId: 'c1', startMs: NOW, endMs: NOW + 5000, cause: 'ffmpeg_exited code=1' }]);
  });

  it('sweeps: deletes expired files and rows, spares held ones, honours the disk budget, writes receipts', () => {
    const { index, add } = setup();
    const expired = add('c1', NOW - 10 * DAY);
    const held = add('c1', NOW - 9 * DAY);
    const oldest = add('c2', NOW - 3 * DAY);
    const newest = add('c2', NOW - DAY);
    index.putHold({ id: 'case-7', cameraId: 'c1', startMs: held.startMs, endMs: held.endMs, reason: 'legal hold', untilMs: null });
    const r = sweepRetention({ index, nowMs: NOW, retentionDays: new Map([['c1', 7], ['c2', 30]]), defaultRetentionDays: 30, budgetBytes: 250 });
    expect(r.deleted.map((d) => [d.cameraId, d.reason])).toEqual([['c1', 'retention'], ['c2', 'disk_budget']]);
    expect([expired, oldest].map((s) => existsSync(s.path))).toEqual([false, false]);
    expect([held, newest].map((s) => existsSync(s.path))).toEqual([true, true]);
    expect(index.totalBytes()).toBe(200);
    index.releaseHold('case-7');
    expect(sweepRetention({ index, nowMs: NOW, retentionDays: new Map([['c1', 7]]), defaultRetentionDays: 30, budgetBytes: 1e9 }).deleted).toHaveLength(1);
  });
});
