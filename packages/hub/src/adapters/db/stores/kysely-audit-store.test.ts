import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { verifyAuditChain } from '@camnet/core';
import { createAuditService } from '../../../features/audit/audit.service.ts';
import { describeEachDatabase } from '../../../testing/test-databases.ts';
import { createKyselyAuditStore } from './kysely-audit-store.ts';

const entry = (i: number) => ({ actor: `user${i % 3}@x.org`, action: i % 2 ? 'camera.read' : 'auth.login', target: `t${i}`, purpose: i === 4 ? { caseNumber: 'C-1', offence: 'robbery', text: 'why' } : null, outcome: 'success' as const, details: { i } });

describeEachDatabase('audit store contract', (use) => {
  it('chains concurrent appends without gaps or forks', async () => {
    const store = createKyselyAuditStore(use());
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.append(entry(i), new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString())));
    const all = await store.readFrom(0, 1000);
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(verifyAuditChain(all).ok).toBe(true);
    expect(all.find((r) => r.target === 't4')?.purpose).toEqual({ caseNumber: 'C-1', offence: 'robbery', text: 'why' });
  });

  it('filters and pages newest first', async () => {
    const store = createKyselyAuditStore(use());
    const service = createAuditService({ store, clock: () => new Date() });
    const first = await service.list({ action: 'camera.read' }, { limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.items.every((r) => r.action === 'camera.read')).toBe(true);
    expect(first.items[0]!.seq).toBeGreaterThan(first.items[4]!.seq);
    const second = await service.list({ action: 'camera.read' }, { cursor: first.nextCursor!, limit: 100 });
    expect(second.items).toHaveLength(15);
    expect(second.nextCursor).toBeNull();
    const prefix = await service.list({ action: 'auth.*', actor: 'user0@x.org' }, { limit: 100 });
    expect(prefix.items.length).toBeGreaterThan(0);
    expect(prefix.items.every((r) => r.action === 'auth.login' && r.actor === 'user0@x.org')).toBe(true);
  });

  it('names the first altered record when a row is edited in the database', async () => {
    const database = use();
    const service = createAuditService({ store: createKyselyAuditStore(database), clock: () => new Date() });
    expect(await service.verify(7)).toMatchObject({ ok: true, checked: 40 });
    await sql`update audit_log set actor = 'someone-else' where seq = 17`.execute(database.db);
    expect(await service.verify(7)).toMatchObject({ ok: false, brokenSeq: 17 });
  });
});
