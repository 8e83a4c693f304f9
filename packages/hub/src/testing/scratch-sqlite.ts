import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../adapters/db/database.ts';
import type { HubDatabase } from '../adapters/db/database.ts';

/**
 * A temp dir for SQLite adapter tests, with no schema: `open` opens (or reopens) the hub database file there; `dispose`
 * closes whatever is still open and removes the dir. One per test (`beforeEach`/`afterEach`).
 */
export function scratchSqlite(name: string, opts: { cacheMiB?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `camnet-${name}-`));
  const opened: HubDatabase[] = [];
  return {
    dir,
    open(): HubDatabase {
      const database = openDatabase({ dataDir: dir, ...opts });
      let closing: Promise<void> | null = null;
      const close = database.close;
      database.close = () => (closing ??= close());
      opened.push(database);
      return database;
    },
    async dispose(): Promise<void> {
      await Promise.all(opened.map((d) => d.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
