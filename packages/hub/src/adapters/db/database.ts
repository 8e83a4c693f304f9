import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { migrations } from './migrations/index.ts';
import { createStatementCache } from './sqlite-statement-cache.ts';
import { startSqliteCheckpointer } from './sqlite-checkpointer.ts';
import type { SqliteCheckpointer } from './sqlite-checkpointer.ts';

export type DialectName = 'sqlite' | 'postgres';

/** A connected database: the Kysely handle and which dialect it speaks. */
export interface HubDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The raw SQLite handle (same connection as `db`), for the few hot writes done synchronously; null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
  /** SQLite in a file: WAL checkpoints on a worker thread (null on PostgreSQL and in memory). */
  checkpointer: SqliteCheckpointer | null;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT as text by default; our bigints (seq, bytes) fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens SQLite (WAL, foreign keys on) in dataDir, or PostgreSQL when `url` is postgres://… */
export function openDatabase(opts: { url?: string; dataDir: string; searchPath?: string; cacheMiB?: number }): HubDatabase {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: 10,
      ...(opts.searchPath ? { options: `-c search_path=${opts.searchPath}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqlite: null, checkpointer: null, close: () => db.destroy() };
  }
  const file = opts.url?.startsWith('sqlite:') ? opts.url.slice(7) : join(opts.dataDir, 'hub.sqlite');
  if (file !== ':memory:') mkdirSync(join(file, '..'), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // Index pages stay in SQLite's own cache (the 2 MiB default re-read them from the OS on nearly every insert). The
  // WAL is checkpointed by a worker thread on its own connection after each second of writes (sqlite-checkpointer.ts,
  // docs/adr/0007-sqlite-checkpoints-and-inserts.md); this connection checkpoints only when the WAL passes ~400 MiB,
  // should that worker fall behind. A crash leaves at most that much to replay at the next start.
  sqlite.pragma(`cache_size = -${Math.round((opts.cacheMiB ?? 1024) * 1024)}`);
  sqlite.pragma('wal_autocheckpoint = 100000');
  const statements = createStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: { prepare: statements.prepare, close: () => sqlite.close() } }) });
  const checkpointer = file === ':memory:' ? null : startSqliteCheckpointer(file);
  return { db, dialect: 'sqlite', sqlite, checkpointer, close: async () => {
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
