import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createStatementCache } from './sqlite-statement-cache.ts';

describe('SQLite statement cache', () => {
  const sqlite = new SqliteDatabase(':memory:');
  sqlite.exec('create table t (n integer)');
  sqlite.exec('insert into t values (1), (2), (3)');
  afterAll(() => sqlite.close());

  it('hands back the compiled statement for the same SQL and keeps only the most recent ones', () => {
    const cache = createStatementCache(sqlite, 2);
    const a = cache.prepare('select n from t');
    expect(cache.prepare('select n from t')).toBe(a);
    cache.prepare('select n + 1 from t');
    cache.prepare('select n + 2 from t');
    expect(cache.size).toBe(2);
    expect(cache.prepare('select n from t')).not.toBe(a); // evicted, compiled again
  });

  it('never hands out a statement that is still being iterated', () => {
    const cache = createStatementCache(sqlite);
    const first = cache.prepare('select n from t order by n');
    const it1 = first.iterate() as IterableIterator<{ n: number }>;
    expect(it1.next().value).toEqual({ n: 1 });
    const second = cache.prepare('select n from t order by n');
    expect(second).not.toBe(first);
    expect(second.all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect([...it1].map((r) => r.n)).toEqual([2, 3]);
    expect(cache.prepare('select n from t order by n')).toBe(first);
  });
});
