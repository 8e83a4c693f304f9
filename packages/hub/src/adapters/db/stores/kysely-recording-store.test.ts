import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../testing/test-databases.ts';
import { createKyselyRecordingStore } from './kysely-recording-store.ts';

describeEachDatabase('recording store contract', (use) => {
  it('opens a gap, closes it with a later report, and ignores repeats', async () => {
    const store = createKyselyRecordingStore(use());
    const open = { cameraId: 'c1', start: '2026-11-22T10:00:00.000Z', end: null, cause: 'stream_unreachable' };
    expect(await store.upsertGaps('e1', [open])).toEqual({ accepted: 1, duplicates: 0 });
    expect(await store.upsertGaps('e1', [open])).toEqual({ accepted: 0, duplicates: 1 });
    const closed = { ...open, end: '2026-11-22T10:05:00.000Z' };
    expect(await store.upsertGaps('e1', [closed, closed])).toEqual({ accepted: 1, duplicates: 1 });
    expect(await store.upsertGaps('e1', [open])).toEqual({ accepted: 0, duplicates: 1 });
    expect(await store.gaps('c1', '2026-11-22T09:00:00.000Z', '2026-11-22T11:00:00.000Z')).toEqual([closed]);
    expect(await store.gaps('c1', '2026-11-22T10:06:00.000Z', '2026-11-22T11:00:00.000Z')).toEqual([]);
  });

  it('stores each deletion receipt once', async () => {
    const store = createKyselyRecordingStore(use());
    const r = { cameraId: 'c1', segmentStart: '2026-10-01T00:00:00.000Z', segmentEnd: '2026-10-01T00:01:00.000Z', bytes: 5_000_000, reason: 'retention' as const, deletedAt: '2026-10-31T00:00:00.000Z' };
    expect(await store.insertReceipts('e1', [r, { ...r, segmentStart: '2026-10-01T00:01:00.000Z', reason: 'disk_budget' }])).toEqual({ accepted: 2, duplicates: 0 });
    expect(await store.insertReceipts('e1', [r])).toEqual({ accepted: 0, duplicates: 1 });
    expect((await store.receipts({ cameraId: 'c1' }, 10)).map((x) => x.reason).sort()).toEqual(['disk_budget', 'retention']);
  });
});
