import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Each slice aims at about this long on the connection, so a request waits at most about one slice. */
const SLICE_MS = 3;
const MIN_ROWS = 64;
const MAX_ROWS = 1 << 13;
/** At most this many pages a slice (estimated): a slice that meets pages on disk then waits for ~64 reads, not hundreds. */
const MAX_PAGES = 64;
/** Leaves sampled to estimate a b-tree's rows per page (for the budget). */
const SAMPLE_LEAVES = 64;

export interface PrewarmStats {
  /** B-trees walked to the end, and the one being walked now (null when idle or done). */
  btrees: number;
  current: string | null;
  rows: number;
  /** Pages read, estimated from each b-tree's rows per leaf page. */
  pages: number;
  budgetPages: number;
  slices: number;
  /** The longest slice: about how long a request waited behind the prewarm at most. */
  maxSliceMs: number;
  ms: number;
  state: 'running' | 'done' | 'stopped' | 'budget' | 'failed';
  /** Why it failed (state `failed`). */
  error?: string;
}

export interface SqlitePrewarm {
  readonly stats: PrewarmStats;
  /** Resolves when every b-tree was read, the budget was reached or `stop` was called. */
  readonly done: Promise<PrewarmStats>;
  stop(): Promise<void>;
}

/** One b-tree to walk: the keyset it is ordered by and how to read past `rows` entries after a key. */
interface Btree {
  name: string;
  /** Key columns in the b-tree's order (`rowid` for a rowid table). */
  keys: string[];
  from: string;
  /** Rowid tables are walked newest first: the newest rows are the ones searched most. */
  descending: boolean;
}

type Row = Record<string, unknown>;

/**
 * Reads the database's b-trees into this connection's page cache after the hub starts, a few milliseconds at a time
 * between other work on the connection (docs/adr/0008-sqlite-page-cache-prewarm.md). Pages SQLite keeps itself do
 * not depend on the OS file cache, which other processes (recordings, clips) and a restart empty: a search that
 * finds its pages there reads them in microseconds instead of one system call or one disk read each.
 *
 * Order: indexes first (every search enters by one), then WITHOUT ROWID tables (the plate runs, newest run first),
 * then rowid tables, newest rows first. Each b-tree is walked by keyset, n entries at a time in key order (which
 * reads their pages), each read starting after the last key the one before returned. It stops when the
 * pages read (estimated) reach `budgetPages`, so a database larger than the cache keeps its indexes and newest rows.
 * Tables dropped while it runs (merged plate runs) are skipped.
 */
export function startSqlitePrewarm(db: Kysely<unknown>, opts: { budgetPages: number; sliceMs?: number }): SqlitePrewarm {
  const sliceMs = opts.sliceMs ?? SLICE_MS;
  const stats: PrewarmStats = { btrees: 0, current: null, rows: 0, pages: 0, budgetPages: opts.budgetPages, slices: 0, maxSliceMs: 0, ms: 0, state: 'running' };
  let stopped = false;
  const started = Date.now();

  const run = async (): Promise<PrewarmStats> => {
    for (const tree of await listBtrees(db)) {
      if (stopped) break;
      stats.current = tree.name;
      const perPage = await rowsPerLeaf(db, tree.name);
      const maxRows = Math.min(MAX_ROWS, Math.max(MIN_ROWS, Math.floor(perPage * MAX_PAGES)));
      // Where the walk is: the last key read, and how many of its leading columns the next read holds equal.
      let last: unknown[] | null = null;
      let level = tree.keys.length - 1;
      let n = MIN_ROWS;
      while (!stopped && stats.pages < stats.budgetPages) {
        const t = performance.now();
        let next: Row | undefined;
        let read = n;
        try {
          next = (await sliceQuery(tree, last, level, n).execute(db)).rows[0];
          // A prefix read to its end stepped over fewer than n entries: counted (its pages are cached by now).
          if (!next) read = Number((await sliceQuery(tree, last, level, n, true).execute(db)).rows[0]?.c ?? 0);
        } catch {
          break; // the table went away (a merged plate run) or cannot be walked this way: on to the next
        }
        const took = performance.now() - t;
        stats.slices++;
        stats.maxSliceMs = Math.max(stats.maxSliceMs, took);
        stats.rows += read;
        stats.pages += read / perPage;
        if (next) {
          last = tree.keys.map((_, i) => next[`k${i}`]);
          if (last.some((v) => v === null)) break; // a NULL key has no keyset position
          level = tree.keys.length - 1;
        } else {
          // This prefix is read to its end: hold one column fewer equal (none left: the b-tree is done).
          if (level === 0 || last === null) break;
          level--;
        }
        // Grows by doubling up to ~64 pages; shrinks at once to what the last slice says fits (pages from disk can cost 100× more).
        n = took < sliceMs / 2 ? Math.min(maxRows, n * 2) : took > sliceMs * 2 ? Math.max(MIN_ROWS, Math.floor((n * sliceMs) / took)) : n;
        await new Promise((r) => setImmediate(r));
      }
      if (stopped) break;
      stats.btrees++;
      if (stats.pages >= stats.budgetPages) break;
    }
    stats.current = null;
    stats.ms = Date.now() - started;
    stats.state = stopped ? 'stopped' : stats.pages >= stats.budgetPages ? 'budget' : 'done';
    return stats;
  };

  // Nobody need await it: a failure (the connection closed under it) ends it and is recorded, never thrown.
  const done = run().catch((e: unknown) => {
    Object.assign(stats, { current: null, ms: Date.now() - started, state: 'failed', error: (e as Error).message ?? String(e) });
    return stats;
  });
  return {
    stats,
    done,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

/**
 * The n-th entry after `last` in key order (stepping over the n − 1 before it reads their pages): the first `level` key columns equal to last's and the next one past
 * it (`a = ? and b = ? and c > ?`), which SQLite answers as one index range; with `count`, how many there are (up to n). A row-value comparison over all the keys
 * would be simpler, but SQLite seeks on its first column only when an index holds the rowid alias (as ours do).
 */
function sliceQuery(tree: Btree, last: unknown[] | null, level: number, n: number, count = false) {
  const cols = sql.join(tree.keys.map((k, i) => sql`${sql.ref(k)} as ${sql.ref(`k${i}`)}`));
  const order = sql.join(tree.keys.map((k) => sql`${sql.ref(k)}${sql.raw(tree.descending ? ' desc' : '')}`));
  const where = last
    ? sql` where ${sql.join([
      ...tree.keys.slice(0, level).map((k, i) => sql`${sql.ref(k)} = ${last[i]}`),
      sql`${sql.ref(tree.keys[level]!)} ${sql.raw(tree.descending ? '<' : '>')} ${last[level]}`,
    ], sql` and `)}`
    : sql``;
  if (count) return sql<Row>`select count(*) as c from (select 1 from ${sql.raw(tree.from)}${where} order by ${order} limit ${n})`;
  return sql<Row>`select ${cols} from ${sql.raw(tree.from)}${where} order by ${order} limit 1 offset ${n - 1}`;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Every b-tree that can be walked by keyset, in prewarm order. */
async function listBtrees(db: Kysely<unknown>): Promise<Btree[]> {
  const objects = (await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
    select type, name, tbl_name, sql from sqlite_master
    where (type = 'table' and name not like 'sqlite_%') or (type = 'index' and (name not like 'sqlite_%' or name like 'sqlite_autoindex_%'))`.execute(db)).rows;
  const withoutRowid = new Set(objects.filter((o) => o.type === 'table' && /without\s+rowid/i.test(o.sql ?? '')).map((o) => o.name));
  const indexes: Btree[] = [];
  const clustered: Btree[] = [];
  const tables: Btree[] = [];
  for (const o of objects) {
    if (o.type === 'index') {
      if (withoutRowid.has(o.tbl_name) && o.name.startsWith('sqlite_autoindex_')) continue; // that is the table itself
      const info = (await sql<{ cid: number; name: string | null; desc: number; coll: string | null }>`
        select cid, name, "desc", coll from pragma_index_xinfo(${o.name})`.execute(db)).rows;
      // Expression or descending or non-binary keys have no plain row-value order: left to the OS cache.
      if (info.some((c) => c.cid === -2 || c.desc || (c.coll && c.coll !== 'BINARY'))) continue;
      indexes.push({ name: o.name, keys: info.map((c) => c.name ?? 'rowid'), from: `${quote(o.tbl_name)} indexed by ${quote(o.name)}`, descending: false });
    } else if (withoutRowid.has(o.name)) {
      const cols = (await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${o.name}) where pk > 0 order by pk`.execute(db)).rows;
      clustered.push({ name: o.name, keys: cols.map((c) => c.name), from: quote(o.name), descending: false });
    } else if (!/^\s*create\s+virtual/i.test(o.sql ?? '')) {
      tables.push({ name: o.name, keys: ['rowid'], from: `${quote(o.name)} not indexed`, descending: true });
    }
  }
  indexes.sort((a, b) => natural(a.name, b.name));
  clustered.sort((a, b) => natural(b.name, a.name));
  tables.sort((a, b) => natural(a.name, b.name));
  return [...indexes, ...clustered, ...tables];
}

/** Entries per leaf page over the first leaves (dbstat stops when the sample is full). */
async function rowsPerLeaf(db: Kysely<unknown>, name: string): Promise<number> {
  try {
    const r = (await sql<{ cells: number | null; pages: number }>`
      select sum(ncell) as cells, count(*) as pages from (select ncell from dbstat where name = ${name} and pagetype = 'leaf' limit ${SAMPLE_LEAVES})`.execute(db)).rows[0];
    return r && r.pages > 0 && r.cells ? Math.max(1, r.cells / r.pages) : 1;
  } catch {
    return 1; // no dbstat: count one page per entry (the budget then stops early rather than late)
  }
}
