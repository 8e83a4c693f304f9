import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { totalmem } from 'node:os';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { migrations } from './migrations/index.ts';
import { createStatementCache } from './sqlite-statement-cache.ts';
import { startSqliteCheckpointer } from './sqlite-checkpointer.ts';
import type { SqliteCheckpointer } from './sqlite-checkpointer.ts';
import { startSqlitePrewarm } from './sqlite-prewarm.ts';
import type { SqlitePrewarm } from './sqlite-prewarm.ts';

export type DialectName = 'sqlite' | 'postgres';

/** A connected database: the Kysely handle and which dialect it speaks. */
export interface HubDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The raw SQLite handle (same connection as `db`), for the few hot writes done synchronously; null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
  /** SQLite in a file: WAL checkpoints on a worker thread (null on PostgreSQL and in memory). */
  checkpointer: SqliteCheckpointer | null;
  /**
   * SQLite in a file: starts reading the database into the page cache in the background (sqlite-prewarm.ts), once
   * the schema is current; returns the running prewarm (the same one when called again). Null on PostgreSQL and in memory.
   */
  startPrewarm(): SqlitePrewarm | null;
  close(): Promise<void>;
}

/**
 * The default SQLite page cache: a quarter of the machine's memory (PostgreSQL's usual shared_buffers share). It is
 * an upper bound, filled only as pages are read: a small network uses little of it.
 */
export function defaultSqliteCacheMiB(totalBytes = totalmem()): number {
  return Math.max(64, Math.floor(totalBytes / 4 / 2 ** 20));
}

// PostgreSQL returns BIGINT as text by default; our bigints (seq, bytes) fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens SQLite (WAL, foreign keys on) in dataDir, or PostgreSQL when `url` is postgres://…; `cacheMiB` defaults to `defaultSqliteCacheMiB()`. */
export function openDatabase(opts: { url?: string; dataDir: string; searchPath?: string; cacheMiB?: number }): HubDatabase {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: 10,
      ...(opts.searchPath ? { options: `-c search_path=${opts.searchPath}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqlite: null, checkpointer: null, startPrewarm: () => null, close: () => db.destroy() };
  }
  const file = opts.url?.startsWith('sqlite:') ? opts.url.slice(7) : join(opts.dataDir, 'hub.sqlite');
  if (file !== ':memory:') mkdirSync(join(file, '..'), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // Index pages stay in SQLite's own cache (the 2 MiB default re-read them from the OS on nearly every insert), and
  // after `startPrewarm` so does the rest of the database while it fits (docs/adr/0008-sqlite-page-cache-prewarm.md). The
  // WAL is checkpointed by a worker thread on its own connection after each second of writes (sqlite-checkpointer.ts,
  // docs/adr/0007-sqlite-checkpoints-and-inserts.md); this connection checkpoints only when the WAL passes ~400 MiB,
  // should that worker fall behind. A crash leaves at most that much to replay at the next start.
  const cacheMiB = opts.cacheMiB ?? defaultSqliteCacheMiB();
  sqlite.pragma(`cache_size = -${Math.round(cacheMiB * 1024)}`);
  sqlite.pragma('wal_autocheckpoint = 100000');
  const statements = createStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: { prepare: statements.prepare, close: () => sqlite.close() } }) });
  const checkpointer = file === ':memory:' ? null : startSqliteCheckpointer(file);
  let prewarm: SqlitePrewarm | null = null;
  const startPrewarm = () => {
    if (file === ':memory:') return null;
    // 90 % of the cache: what queries and ingest read next still finds room without evicting what was read.
    prewarm ??= startSqlitePrewarm(db as Kysely<unknown>, { budgetPages: Math.floor((cacheMiB * 2 ** 20 * 0.9) / Number(sqlite.pragma('page_size', { simple: true }))) });
    return prewarm;
  };
  return { db, dialect: 'sqlite', sqlite, checkpointer, startPrewarm, close: async () => {
    await prewarm?.stop();
    await checkpointer?.stop();
    await db.destroy();
  } };
}

/** Brings the schema to the newest version; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  // Unordered: features add numbered migrations independently; each is idempotent with respect to the others.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`database migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`);
  }
}

/** True when the database answers a trivial query (for /readyz). */
export async function pingDatabase(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
