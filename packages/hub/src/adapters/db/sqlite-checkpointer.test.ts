import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import type { HubDatabase } from './database.ts';
import { scratchSqlite } from '../../testing/scratch-sqlite.ts';

describe('SQLite checkpointer (a second connection on a worker thread)', () => {
  let scratch: ReturnType<typeof scratchSqlite>;
  let dir = '';
  beforeEach(() => {
    scratch = scratchSqlite('checkpointer');
    dir = scratch.dir;
  });
  afterEach(() => scratch.dispose());
  const open = () => scratch.open();
  const insertRows = (d: HubDatabase, from: number, n: number) => {
    const insert = d.sqlite!.prepare('insert into t (n, pad) values (?, ?)');
    d.sqlite!.transaction(() => {
      for (let i = from; i < from + n; i++) insert.run(i, 'x'.repeat(200));
    })();
  };

  it('copies every committed page back into the database file while the hub connection stays open', async () => {
    const d = open();
    d.sqlite!.exec('create table t (n integer primary key, pad text)');
    const before = statSync(join(dir, 'hub.sqlite')).size;
    insertRows(d, 0, 5_000);
    await d.checkpointer!.checkpoint();
    const stats = { ...d.checkpointer!.stats };
    expect(stats.lastError).toBeNull();
    expect(stats.lastFrames).toBeGreaterThan(100);
    expect(stats.lastCopied).toBe(stats.lastFrames);
    expect(statSync(join(dir, 'hub.sqlite')).size).toBeGreaterThan(before + 5_000 * 200);
    // Fully copied: the next write transaction starts the WAL again from its beginning.
    insertRows(d, 5_000, 10);
    await d.checkpointer!.checkpoint();
    expect(d.checkpointer!.stats.lastFrames).toBeLessThan(stats.lastFrames);
    expect(d.sqlite!.prepare('select count(*) from t').pluck().get()).toBe(5_010);
  });

  it('stops with the database, and what was written is there at the next open', async () => {
    const d = open();
    d.sqlite!.exec('create table t (n integer primary key, pad text)');
    insertRows(d, 0, 100);
    await d.close();
    const again = open();
    expect(again.sqlite!.prepare('select count(*) from t').pluck().get()).toBe(100);
    await again.checkpointer!.checkpoint();
    expect(again.checkpointer!.stats.lastError).toBeNull();
  });

  it('is not started for an in-memory database', async () => {
    const memory = openDatabase({ dataDir: '', url: 'sqlite::memory:' });
    expect(memory.checkpointer).toBeNull();
    await memory.close();
  });
});
