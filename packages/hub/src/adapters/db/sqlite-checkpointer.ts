import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies what the WAL holds back into the database file. */
const EVERY_MS = 1_000;

// Plain JavaScript (no loader needed): its own connection, a PASSIVE checkpoint per request. PASSIVE takes no
// writer lock, so the hub's connection goes on committing while pages are copied; a checkpoint that finds the WAL
// fully copied lets the next write transaction start the WAL again from its beginning.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', (msg) => {
  if (msg === 'close') { db.close(); parentPort.close(); return; }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ frames: r.log, copied: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
  }
});`;

export interface SqliteCheckpointer {
  /** Checkpoints done and the last one's WAL frames and frames copied (for tests and diagnostics). */
  readonly stats: { checkpoints: number; lastFrames: number; lastCopied: number; lastError: string | null };
  /** Asks for a checkpoint now (unless one is running); resolves when it is done. */
  checkpoint(): Promise<void>;
  /** After a commit: asks for a checkpoint if none was asked for in the last interval (a writer that never lets the event loop reach its timers still gets them). */
  nudge(): void;
  stop(): Promise<void>;
}

/**
 * WAL checkpoints on a second connection in a worker thread (docs/adr/0007-sqlite-checkpoints-and-inserts.md).
 * Checkpointing on the hub's own connection, when a commit found the WAL over its limit, cost ingest ~15 %: the
 * commit that crossed it copied up to 400 MiB of pages while every edge waited. Here the copying runs on the other
 * core, every second; the hub's connection keeps its own autocheckpoint as the bound should this one fall behind.
 */
export function startSqliteCheckpointer(file: string, everyMs = EVERY_MS): SqliteCheckpointer {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, module: createRequire(import.meta.url).resolve('better-sqlite3') } });
  worker.unref();
  const stats = { checkpoints: 0, lastFrames: 0, lastCopied: 0, lastError: null as string | null };
  let running: Promise<void> | null = null;
  let done: (() => void) | null = null;
  let exited = false;
  worker.on('message', (msg: { frames?: number; copied?: number; error?: string }) => {
    if (msg.error !== undefined) stats.lastError = msg.error;
    else Object.assign(stats, { checkpoints: stats.checkpoints + 1, lastFrames: msg.frames, lastCopied: msg.copied, lastError: null });
    running = null;
    done?.();
  });
  // A checkpointer that cannot run (its connection failed) leaves the hub's own autocheckpoint to do the work.
  worker.on('error', (e) => {
    stats.lastError = e.message;
  });
  worker.on('exit', () => {
    exited = true;
    running = null;
    done?.();
  });
  let last = 0;
  function checkpoint(): Promise<void> {
    if (exited) return Promise.resolve();
    running ??= new Promise<void>((resolve) => {
      last = Date.now();
      done = resolve;
      worker.postMessage('checkpoint');
    });
    return running;
  }
  const timer = setInterval(() => void checkpoint(), everyMs);
  timer.unref();
  return {
    stats,
    checkpoint,
    nudge() {
      if (Date.now() - last >= everyMs) void checkpoint();
    },
    async stop() {
      clearInterval(timer);
      if (exited) return;
      // Held until it has closed its connection (the hub's connection closes after it, and checkpoints what is left).
      worker.ref();
      await running;
      const gone = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('close');
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([gone, new Promise((resolve) => (timeout = setTimeout(resolve, 2_000)))]);
      clearTimeout(timeout);
      await worker.terminate();
    },
  };
}
