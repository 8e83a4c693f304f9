// Test helper (run by sqlite-outbox.test.ts with tsx): enqueues forever, printing each key after its commit returns.
import Database from 'better-sqlite3';
import { createSqliteOutbox } from './sqlite-outbox.ts';

const [dbPath, prefix] = process.argv.slice(2) as [string, string];
const outbox = createSqliteOutbox(new Database(dbPath));
let i = 0;
for (;;) {
  const key = `${prefix}-${i++}`;
  outbox.enqueue('vehicle_event', { n: i, pad: 'x'.repeat(200) }, key);
  process.stdout.write(`${key}\n`);
  if (i % 50 === 0) outbox.acknowledge(outbox.takeBatch(10).map((it) => it.seq));
}
