import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteOutbox } from './sqlite-outbox.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDb = () => {
  const d = mkdtempSync(join(tmpdir(), 'camnet-outbox-'));
  dirs.push(d);
  return join(d, 'edge.db');
};

describe('SQLite outbox', () => {
  it('hands out items oldest first, and never an acknowledged one again', () => {
    const outbox = createSqliteOutbox(new Database(':memory:'));
    for (let i = 0; i < 5; i++) outbox.enqueue('vehicle_event', { i }, `k${i}`);
    const first = outbox.takeBatch(3);
    expect(first.map((it) => it.payload)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    expect(outbox.acknowledge(first.map((it) => it.seq))).toBe(3);
    expect(outbox.acknowledge(first.map((it) => it.seq))).toBe(0);
    expect(outbox.takeBatch(10).map((it) => it.key)).toEqual(['k3', 'k4']);
    expect(outbox.pending()).toBe(2);
  });

  it('keeps the first item for a repeated idempotency key, even after it was acknowledged', () => {
    const outbox = createSqliteOutbox(new Database(':memory:'));
    const a = outbox.enqueue('health', { v: 1 }, 'same');
    expect(outbox.enqueue('health', { v: 2 }, 'same')).toEqual({ seq: a.seq, duplicate: true });
    outbox.acknowledge([a.seq]);
    expect(outbox.enqueue('health', { v: 3 }, 'same').duplicate).toBe(true);
    expect(outbox.takeBatch(10)).toEqual([]);
  });

  it('refuses keys and kinds the protocol would reject, so no batch can poison the queue', () => {
    const outbox = createSqliteOutbox(new Database(':memory:'));
    expect(() => outbox.enqueue('e', {}, 'k'.repeat(201))).toThrow(RangeError);
    expect(() => outbox.enqueue('', {}, 'k')).toThrow(RangeError);
    expect(outbox.pending()).toBe(0);
  });

  it('purges only acknowledged items older than the cutoff', () => {
    let now = 1000;
    const outbox = createSqliteOutbox(new Database(':memory:'), () => now);
    const a = outbox.enqueue('e', {}, 'a');
    outbox.enqueue('e', {}, 'b');
    outbox.acknowledge([a.seq]);
    now = 5000;
    expect(outbox.purgeAcknowledged(2000)).toBe(1);
    expect(outbox.pending()).toBe(1);
  });

  it('runs in WAL with synchronous=FULL', () => {
    const db = new Database(tempDb());
    createSqliteOutbox(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('loses nothing and duplicates nothing when the writer is killed with SIGKILL mid-stream', async () => {
    const dbPath = tempDb();
    // node itself (with tsx as a loader), so SIGKILL hits the writer, not a wrapper.
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./sqlite-outbox.crash-child.ts', import.meta.url)), dbPath, 'ev'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const printed: string[] = [];
    let buf = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        buf += c.toString();
        const lines = buf.split('\n');
        buf = lines.pop()!;
        printed.push(...lines);
        if (printed.length >= 400 && child.exitCode === null) child.kill('SIGKILL');
      });
      child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${_code}`))));
    });
    const outbox = createSqliteOutbox(new Database(dbPath));
    const db = new Database(dbPath);
    const keys = (db.prepare('SELECT key FROM outbox ORDER BY seq').all() as Array<{ key: string }>).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(0, printed.length)).toEqual(printed); // every committed item, in order
    const acked = (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE acked_ms IS NOT NULL').get() as { n: number }).n;
    const handedOut = outbox.takeBatch(1_000_000);
    expect(handedOut).toHaveLength(keys.length - acked);
    expect(handedOut.every((it) => !printed.slice(0, 10).includes(it.key))).toBe(true); // the first acked batch stays acked
  });
});
