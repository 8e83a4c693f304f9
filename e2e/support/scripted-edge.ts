/**
 * An edge agent with a scripted event source (stands in for the vision pipeline in store-and-forward tests).
 * Each event is appended to `<data-dir>/produced.log` only after the outbox has it durably, so the log is what
 * the edge promised to deliver. On restart it continues numbering from the log.
 *   node --import tsx e2e/support/scripted-edge.ts --data-dir D --hub URL [--token T] --camera C --count N --interval-ms MS
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEdge } from '@camnet/edge';

const { values } = parseArgs({ options: {
  'data-dir': { type: 'string' }, hub: { type: 'string' }, token: { type: 'string' }, camera: { type: 'string' },
  count: { type: 'string', default: '100' }, 'interval-ms': { type: 'string', default: '20' },
} });
const dataDir = values['data-dir']!;
const log = join(dataDir, 'produced.log');
const edge = await startEdge({ dataDir, hubUrl: values.hub!, enrolToken: values.token ?? null, logLevel: 'warn', heartbeatSeconds: 1, reconnectMinMs: 200, reconnectMaxMs: 2000, ackTimeoutSeconds: 5 });
let n = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
const total = Number(values.count);
const interval = Number(values['interval-ms']);
console.log(`scripted edge ${edge.edgeId} producing from #${n}`);
while (n < total) {
  const at = new Date();
  const localId = `scripted-${n}`;
  await edge.eventSink.emit({
    localId, cameraId: values.camera!, startedAt: new Date(at.getTime() - 1500).toISOString(), endedAt: at.toISOString(),
    type: 'car', colour: 'red', colourConfidence: 0.9, colourAlt: null,
    plate: { text: `SF${String(n).padStart(4, '0')}`, confidence: 0.9, chars: [], alternates: [] }, direction: 90, box: [10, 10, 100, 60], source: 'edge',
  });
  appendFileSync(log, `${localId}\n`);
  n++;
  await new Promise((r) => setTimeout(r, interval));
}
console.log(`scripted edge produced ${n}`);
// Keep running so the outbox drains; the test stops the process.
await new Promise(() => {});
