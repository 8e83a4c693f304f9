import type SqliteDatabase from 'better-sqlite3';

/** How many distinct SQL texts stay prepared (least recently used go first). */
const CACHE_SIZE = 256;

/**
 * better-sqlite3 compiles a statement on every `prepare`; Kysely prepares each query it runs, so a hot route paid
 * for parsing and planning the same SQL on every request (~7 % of a nearest-camera request's CPU). This keeps the
 * most recently used statements compiled. A statement still being iterated (`busy`) is never handed out twice:
 * the caller gets a fresh one.
 */
export function createStatementCache(sqlite: SqliteDatabase.Database, size = CACHE_SIZE) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(text: string): SqliteDatabase.Statement {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = sqlite.prepare(text);
      if (!hit) {
        cache.set(text, stmt);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
    get size() {
      return cache.size;
    },
  };
}
