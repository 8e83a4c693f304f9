import type { Database } from 'better-sqlite3';
import type { Gap, Hold, Segment, SegmentIndex } from './segment-index.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS segments (
  id INTEGER PRIMARY KEY, camera_id TEXT NOT NULL, path TEXT NOT NULL UNIQUE,
  start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, bytes INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS segments_camera_start ON segments (camera_id, start_ms);
CREATE INDEX IF NOT EXISTS segments_start ON segments (start_ms);
CREATE TABLE IF NOT EXISTS gaps (
  id INTEGER PRIMARY KEY, camera_id TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER, cause TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS gaps_camera_start ON gaps (camera_id, start_ms);
CREATE TABLE IF NOT EXISTS holds (
  id TEXT PRIMARY KEY, camera_id TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,
  reason TEXT NOT NULL, until_ms INTEGER);
`;

const SEG_COLS = 'id, camera_id AS cameraId, path, start_ms AS startMs, end_ms AS endMs, bytes';
const GAP_COLS = 'id, camera_id AS cameraId, start_ms AS startMs, end_ms AS endMs, cause';
const HOLD_COLS = 'id, camera_id AS cameraId, start_ms AS startMs, end_ms AS endMs, reason, until_ms AS untilMs';

/** The segment index in the edge's SQLite database (tables created if missing). */
export function createSqliteSegmentIndex(db: Database): SegmentIndex {
  db.exec(SCHEMA);
  const q = {
    add: db.prepare('INSERT INTO segments (camera_id, path, start_ms, end_ms, bytes) VALUES (?, ?, ?, ?, ?)'),
    between: db.prepare(`SELECT ${SEG_COLS} FROM segments WHERE camera_id = ? AND start_ms < ? AND end_ms > ? ORDER BY start_ms`),
    latest: db.prepare(`SELECT ${SEG_COLS} FROM segments WHERE camera_id = ? ORDER BY end_ms DESC LIMIT 1`),
    hasPath: db.prepare('SELECT 1 FROM segments WHERE path = ?'),
    expired: db.prepare(`SELECT ${SEG_COLS} FROM segments WHERE camera_id = ? AND end_ms <= ? ORDER BY start_ms LIMIT ?`),
    oldest: db.prepare(`SELECT ${SEG_COLS} FROM segments ORDER BY start_ms LIMIT ?`),
    remove: db.prepare('DELETE FROM segments WHERE id = ?'),
    total: db.prepare('SELECT COALESCE(SUM(bytes), 0) AS n FROM segments'),
    openGap: db.prepare('INSERT INTO gaps (camera_id, start_ms, end_ms, cause) VALUES (?, ?, NULL, ?)'),
    closeGap: db.prepare('UPDATE gaps SET end_ms = ? WHERE id = ? AND end_ms IS NULL'),
    openGapOf: db.prepare(`SELECT ${GAP_COLS} FROM gaps WHERE camera_id = ? AND end_ms IS NULL ORDER BY start_ms DESC LIMIT 1`),
    gapsBetween: db.prepare(`SELECT ${GAP_COLS} FROM gaps WHERE camera_id = ? AND start_ms < ? AND (end_ms IS NULL OR end_ms > ?) ORDER BY start_ms`),
    putHold: db.prepare('INSERT OR REPLACE INTO holds (id, camera_id, start_ms, end_ms, reason, until_ms) VALUES (?, ?, ?, ?, ?, ?)'),
    releaseHold: db.prepare('DELETE FROM holds WHERE id = ?'),
    activeHolds: db.prepare(`SELECT ${HOLD_COLS} FROM holds WHERE until_ms IS NULL OR until_ms > ?`),
  };
  return {
    addSegment(s) {
      const r = q.add.run(s.cameraId, s.path, s.startMs, s.endMs, s.bytes);
      return { ...s, id: Number(r.lastInsertRowid) };
    },
    segmentsBetween: (cameraId, startMs, endMs) => q.between.all(cameraId, endMs, startMs) as Segment[],
    latestSegment: (cameraId) => (q.latest.get(cameraId) as Segment | undefined) ?? null,
    hasPath: (path) => q.hasPath.get(path) !== undefined,
    evictionCandidates(cutoffs, limit) {
      const byId = new Map<number, Segment>();
      for (const [cameraId, cutoff] of cutoffs) for (const s of q.expired.all(cameraId, cutoff, limit) as Segment[]) byId.set(s.id, s);
      for (const s of q.oldest.all(limit) as Segment[]) byId.set(s.id, s);
      return [...byId.values()].sort((a, b) => a.startMs - b.startMs || a.id - b.id);
    },
    removeSegment: (id) => void q.remove.run(id),
    totalBytes: () => (q.total.get() as { n: number }).n,
    openGap(cameraId, startMs, cause) {
      const r = q.openGap.run(cameraId, startMs, cause);
      return { id: Number(r.lastInsertRowid), cameraId, startMs, endMs: null, cause };
    },
    closeGap: (id, endMs) => void q.closeGap.run(endMs, id),
    openGapOf: (cameraId) => (q.openGapOf.get(cameraId) as Gap | undefined) ?? null,
    gapsBetween: (cameraId, startMs, endMs) => q.gapsBetween.all(cameraId, endMs, startMs) as Gap[],
    putHold: (h) => void q.putHold.run(h.id, h.cameraId, h.startMs, h.endMs, h.reason, h.untilMs),
    releaseHold: (id) => void q.releaseHold.run(id),
    activeHolds: (nowMs) => q.activeHolds.all(nowMs) as Hold[],
  };
}
