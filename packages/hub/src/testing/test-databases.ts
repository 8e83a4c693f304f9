import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrateToLatest, openDatabase } from '../adapters/db/database.ts';
import type { HubDatabase } from '../adapters/db/database.ts';

/** PostgreSQL for tests; CI sets CAMNET_REQUIRE_PG=1 so a missing server fails instead of skipping. */
export const TEST_PG_URL = process.env.CAMNET_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgState: Promise<boolean> | null = null;
async function pgAvailable(): Promise<boolean> {
  pgState ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgState;
}

/** A fresh, migrated database of one dialect: SQLite in a temp dir, or a throwaway PostgreSQL schema. */
export async function openTestDatabase(dialect: 'sqlite' | 'postgres'): Promise<HubDatabase & { dataDir: string; url?: string; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'camnet-test-'));
  if (dialect === 'sqlite') {
    const database = openDatabase({ dataDir });
    await migrateToLatest(database.db);
    return { ...database, dataDir, dispose: async () => { await database.close(); rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase({ url: TEST_PG_URL, dataDir, searchPath: schema });
  await migrateToLatest(database.db);
  return {
    ...database, dataDir, url: TEST_PG_URL,
    dispose: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const requirePg = process.env.CAMNET_REQUIRE_PG === '1';
const hasPg = await pgAvailable();
if (!hasPg && !requirePg) console.warn(`[camnet] PostgreSQL not reachable at ${TEST_PG_URL}: PostgreSQL contract suites are skipped (set CAMNET_REQUIRE_PG=1 to fail instead).`);

/**
 * Runs a contract suite once per database (SQLite, PostgreSQL). `use()` gives the current suite's database.
 * Suite names carry the dialect so CI logs show both ran.
 */
export function describeEachDatabase(name: string, suite: (use: () => HubDatabase) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const run = dialect === 'sqlite' || hasPg || requirePg ? describe : describe.skip;
    run(`${name} [${dialect}]`, () => {
      let database: Awaited<ReturnType<typeof openTestDatabase>>;
      beforeAll(async () => {
        database = await openTestDatabase(dialect);
      });
      afterAll(async () => {
        await database?.dispose();
      });
      suite(() => database);
    });
  }
}
