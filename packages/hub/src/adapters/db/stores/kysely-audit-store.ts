import type { Statement as SqliteStatement } from 'better-sqlite3';
import { sql } from 'kysely';
import { chainAuditEntry } from '@camnet/core';
import type { AuditEntry, AuditRecord } from '@camnet/core';
import type { AuditFilter, AuditStore } from '../../../features/audit/audit.store.ts';
import type { HubDatabase } from '../database.ts';
import type { AuditRow } from '../schema.ts';

// Any constant works: it names the lock that serialises appends across PostgreSQL connections.
const AUDIT_LOCK_KEY = 727_001;

function toRecord(r: AuditRow): AuditRecord {
  return {
    seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, target: r.target,
    purpose: r.purpose ? JSON.parse(r.purpose) : null, outcome: r.outcome as AuditRecord['outcome'],
    details: r.details ? JSON.parse(r.details) : null, prevHash: r.prev_hash, hash: r.hash,
  };
}

/** The audit log on SQLite or PostgreSQL; appends are serialised (one writer on SQLite, an advisory lock on PostgreSQL). */
export function createKyselyAuditStore({ db, dialect, sqlite }: HubDatabase): AuditStore {
  // On SQLite every audited request appends here: one synchronous transaction (read the tail, link, insert) is
  // several times cheaper than four awaited statements, and SQLite's single writer keeps the chain serial anyway.
  // The two statements are compiled on first use (the table exists only after migrations) and kept.
  let tail: SqliteStatement | null = null, insert: SqliteStatement | null = null;
  const appendSqlite = sqlite?.transaction((entry: AuditEntry, at: string): AuditRecord => {
    tail ??= sqlite.prepare('select seq, hash from audit_log order by seq desc limit 1');
    insert ??= sqlite.prepare('insert into audit_log (seq, at, actor, action, target, purpose, outcome, details, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const last = tail.get() as { seq: number; hash: string } | undefined;
    const record = chainAuditEntry(last ? { seq: Number(last.seq), hash: last.hash } : null, entry, at);
    insert.run(record.seq, record.at, record.actor, record.action, record.target, record.purpose ? JSON.stringify(record.purpose) : null,
        record.outcome, record.details ? JSON.stringify(record.details) : null, record.prevHash, record.hash);
    return record;
  });
  return {
    async append(entry: AuditEntry, at: string) {
      // Never inside another open transaction on the shared connection (it would join it and could roll back with it).
      if (appendSqlite && !sqlite!.inTransaction) return appendSqlite.immediate(entry, at);
      return db.transaction().execute(async (trx) => {
        if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
        const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
        const record = chainAuditEntry(last ? { seq: Number(last.seq), hash: last.hash } : null, entry, at);
        await trx.insertInto('audit_log').values({
          seq: record.seq, at: record.at, actor: record.actor, action: record.action, target: record.target,
          purpose: record.purpose ? JSON.stringify(record.purpose) : null, outcome: record.outcome,
          details: record.details ? JSON.stringify(record.details) : null, prev_hash: record.prevHash, hash: record.hash,
        }).execute();
        return record;
      });
    },

    async list(filter: AuditFilter, page) {
      let q = db.selectFrom('audit_log').selectAll();
      if (filter.actor) q = q.where('actor', '=', filter.actor);
      if (filter.action) q = q.where('action', 'like', filter.action.endsWith('*') ? `${filter.action.slice(0, -1)}%` : filter.action);
      if (filter.target) q = q.where('target', '=', filter.target);
      if (filter.from) q = q.where('at', '>=', filter.from);
      if (filter.to) q = q.where('at', '<', filter.to);
      if (page.beforeSeq !== undefined) q = q.where('seq', '<', page.beforeSeq);
      const rows = await q.orderBy('seq', 'desc').limit(page.limit).execute();
      return rows.map(toRecord);
    },

    async readFrom(afterSeq, limit) {
      const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();
      return rows.map(toRecord);
    },
  };
}
