import type { Database } from 'better-sqlite3';
import type { Outbox, OutboxItem } from './outbox.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  acked_ms INTEGER);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (seq) WHERE acked_ms IS NULL;
`;

/**
 * Durability settings for the edge database. WAL lets readers run beside the writer; synchronous=FULL fsyncs the
 * WAL on every commit, so an item `enqueue` returned for survives kill -9 *and* a power cut (NORMAL survives
 * kill -9 but can lose the last commits on power loss, and edges run on shop PCs without a UPS). At the edge's
 * write rate (events, one row per segment) the extra fsync costs well under a millisecond per commit on SSD.
 */
export function applyDurablePragmas(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
}

/** The outbox in the edge's SQLite database (table created if missing; applies the durable pragmas). */
export function createSqliteOutbox(db: Database, clock: () => number = Date.now): Outbox {
  applyDurablePragmas(db);
  db.exec(SCHEMA);
  const q = {
    insert: db.prepare('INSERT INTO outbox (key, kind, payload, created_ms) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING'),
    byKey: db.prepare('SELECT seq FROM outbox WHERE key = ?'),
    take: db.prepare('SELECT seq, key, kind, payload, created_ms AS createdMs FROM outbox WHERE acked_ms IS NULL ORDER BY seq LIMIT ?'),
    ack: db.prepare('UPDATE outbox SET acked_ms = ? WHERE seq = ? AND acked_ms IS NULL'),
    pending: db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE acked_ms IS NULL'),
    purge: db.prepare('DELETE FROM outbox WHERE acked_ms IS NOT NULL AND acked_ms < ?'),
  };
  const ackAll = db.transaction((seqs: readonly number[], now: number) => seqs.reduce((n, s) => n + q.ack.run(now, s).changes, 0));
  return {
    enqueue(kind, payload, key) {
      // The protocol bounds these (outboxEventSchema): refuse here rather than send a batch the hub can never accept.
      if (key.length < 1 || key.length > 200 || kind.length < 1 || kind.length > 80) throw new RangeError('outbox: key must be 1..200 and kind 1..80 characters');
      const r = q.insert.run(key, kind, JSON.stringify(payload ?? null), clock());
      if (r.changes === 1) return { seq: Number(r.lastInsertRowid), duplicate: false };
      return { seq: (q.byKey.get(key) as { seq: number }).seq, duplicate: true };
    },
    takeBatch(limit) {
      const rows = q.take.all(limit) as Array<Omit<OutboxItem, 'payload'> & { payload: string }>;
      return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown }));
    },
    acknowledge: (seqs) => ackAll(seqs, clock()),
    pending: () => (q.pending.get() as { n: number }).n,
    purgeAcknowledged: (beforeMs) => q.purge.run(beforeMs).changes,
  };
}
