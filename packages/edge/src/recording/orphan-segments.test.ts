import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adoptOrphanSegments } from './orphan-segments.ts';
import { createSqliteSegmentIndex } from './sqlite-segment-index.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('adoptOrphanSegments', () => {
  it('indexes fMP4 files a killed run left, estimates their window, and deletes unplayable ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'camnet-orphan-'));
    dirs.push(dir);
    const index = createSqliteSegmentIndex(new Database(':memory:'));
    const run = 1_800_000_000_000;
    const write = (name: string, bytes: number, mtimeMs: number) => {
      writeFileSync(join(dir, name), Buffer.alloc(bytes));
      utimesSync(join(dir, name), mtimeMs / 1000, mtimeMs / 1000);
    };
    write(`${run}-000000.mp4`, 5000, run + 60_000);
    write(`${run}-000001.mp4`, 3000, run + 75_000);
    write(`${run}-000002.mp4`, 100, run + 76_000); // empty fragment-less tail
    write('notes.txt', 10, run);
    expect(adoptOrphanSegments({ index, cameraId: 'c', dir, format: 'fmp4', segmentSeconds: 60 })).toBe(2);
    expect(index.segmentsBetween('c', 0, Number.MAX_SAFE_INTEGER).map((s) => [s.startMs - run, s.endMs - run, s.bytes])).toEqual([
      [0, 60_000, 5000],
      [60_000, 75_000, 3000],
    ]);
    expect(existsSync(join(dir, `${run}-000002.mp4`))).toBe(false);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
    expect(adoptOrphanSegments({ index, cameraId: 'c', dir, format: 'fmp4', segmentSeconds: 60 })).toBe(0);
  });
});
