import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSqliteCacheMiB, openDatabase } from './database.ts';
import type { HubDatabase } from './database.ts';
import { startSqlitePrewarm } from './sqlite-prewarm.ts';
import { scratchSqlite } from '../../testing/scratch-sqlite.ts';

describe('SQLite prewarm (the database read into the page cache in slices)', () => {
  let scratch: ReturnType<typeof scratchSqlite>;
  beforeEach(() => {
    scratch = scratchSqlite('prewarm', { cacheMiB: 64 });
  });
  afterEach(() => scratch.dispose());

  /** Three kinds of b-tree: a rowid table with an index holding its rowid alias (as vehicle_events), a WITHOUT ROWID table (as a plate run), a unique index on text. */
  function open(): HubDatabase {
    const database = scratch.open();
    const s = database.sqlite!;
    s.exec(`create table ev (id integer primary key, cam integer not null, colour integer not null, pad text);
      create index ev_cam on ev (cam, id, colour);
      create table run_1 (k text not null, id integer not null, pad text, primary key (k, id)) without rowid;
      create table refs (key integer primary key, ref text not null unique)`);
    const ev = s.prepare('insert into ev (id, cam, colour, pad) values (?, ?, ?, ?)');
    const run = s.prepare('insert into run_1 (k, id, pad) values (?, ?, ?)');
    const ref = s.prepare('insert into refs (key, ref) values (?, ?)');
    s.transaction(() => {
      // Few cameras and colours: long runs of equal leading keys, which the walk must step through, not over.
      for (let i = 1; i <= 20_000; i++) ev.run(i * 1000, i % 7, i % 3, 'x'.repeat(60));
      for (let i = 0; i < 9_000; i++) run.run(`P${i % 40}`, i, 'y'.repeat(40));
      for (let i = 0; i < 500; i++) ref.run(i, `camera-${i}`);
    })();
    return database;
  }

  it('walks every entry of every b-tree once, indexes first, in slices between other work on the connection', async () => {
    const d = open();
    const db = d.db as unknown as Kysely<unknown>;
    const prewarm = startSqlitePrewarm(db, { budgetPages: 1_000_000, sliceMs: 1 });
    // Work on the connection goes on while it runs (each slice is its own statement, queued like any query).
    const during = await sql<{ n: number }>`select count(*) as n from ev where cam = 3`.execute(db);
    expect(Number(during.rows[0]!.n)).toBe(2857);
    const stats = await prewarm.done;
    expect(stats.state).toBe('done');
    // ev, ev_cam, run_1, refs and refs' unique index (an autoindex).
    expect(stats.btrees).toBe(5);
    expect(stats.rows).toBe(20_000 + 20_000 + 9_000 + 500 + 500);
    expect(stats.slices).toBeGreaterThan(5);
    const pages = Number(d.sqlite!.pragma('page_count', { simple: true }));
    expect(stats.pages).toBeGreaterThan(pages * 0.5);
    expect(stats.pages).toBeLessThan(pages * 1.2);
  });

  it('stops at its page budget, having read the indexes before the tables', async () => {
    const d = open();
    const stats = await startSqlitePrewarm(d.db as unknown as Kysely<unknown>, { budgetPages: 60 }).done;
    expect(stats.state).toBe('budget');
    expect(stats.pages).toBeGreaterThanOrEqual(60);
    // ev_cam (20,000 small entries) fits in about 60 pages; the 20,000 rows of ev take several times that.
    expect(stats.rows).toBeLessThan(20_000 + 20_000);
  });

  it('skips a table dropped while it runs, and stops when asked', async () => {
    const d = open();
    const db = d.db as unknown as Kysely<unknown>;
    const prewarm = startSqlitePrewarm(db, { budgetPages: 1_000_000, sliceMs: 0.01 });
    await sql`drop table run_1`.execute(db);
    const stats = await prewarm.done;
    expect(stats.state).toBe('done');
    expect(stats.rows).toBe(20_000 + 20_000 + 500 + 500);

    const again = startSqlitePrewarm(db, { budgetPages: 1_000_000, sliceMs: 0.01 });
    await again.stop();
    expect(again.stats.state).toBe('stopped');
    expect(again.stats.rows).toBeLessThan(41_000);
  });

  it('records a failure instead of throwing when the connection goes away under it', async () => {
    const d = open();
    const prewarm = d.startPrewarm()!;
    d.sqlite!.close();
    const stats = await prewarm.done;
    expect(stats.state).toBe('failed');
    expect(stats.error).toMatch(/not open/i);
  });

  it('is started by the hub database once (the same prewarm when asked again), stopped by close, and absent in memory', async () => {
    const d = open();
    const prewarm = d.startPrewarm();
    expect(prewarm).not.toBeNull();
    expect(d.startPrewarm()).toBe(prewarm);
    await d.close();
    expect(['done', 'stopped']).toContain(prewarm!.stats.state);
    const memory = openDatabase({ url: 'sqlite::memory:', dataDir: scratch.dir });
    expect(memory.startPrewarm()).toBeNull();
    await memory.close();
  });

  it('sizes the default page cache at a quarter of the machine memory, at least 64 MiB', () => {
    expect(defaultSqliteCacheMiB(24 * 2 ** 30)).toBe(6144);
    expect(defaultSqliteCacheMiB(128 * 2 ** 20)).toBe(64);
  });
});
