import { verifyAuditChain } from '@camnet/core';
import type { AuditEntry, AuditRecord, ChainVerdict } from '@camnet/core';
import type { AuditFilter, AuditStore } from './audit.store.ts';

export interface AuditServiceDeps {
  store: AuditStore;
  clock: () => Date;
}

export type AuditService = ReturnType<typeof createAuditService>;

/** Writes and reads the hash-chained audit log. */
export function createAuditService({ store, clock }: AuditServiceDeps) {
  return {
    /** Appends one record; resolves once it is durable. */
    record(entry: AuditEntry): Promise<AuditRecord> {
      return store.append(entry, clock().toISOString());
    },

    /** A page of records, newest first; `nextCursor` is the seq to continue before. */
    async list(filter: AuditFilter, page: { cursor?: string; limit: number }) {
      const beforeSeq = page.cursor ? Number(page.cursor) : undefined;
      const items = await store.list(filter, { beforeSeq, limit: page.limit + 1 });
      const more = items.length > page.limit;
      const shown = items.slice(0, page.limit);
      return { items: shown, nextCursor: more ? String(shown[shown.length - 1]!.seq) : null };
    },

    /** Walks the whole chain page by page and names the first broken seq. */
    async verify(pageSize = 2000): Promise<ChainVerdict> {
      let start: { seq: number; hash: string } | null = null;
      let checked = 0;
      for (;;) {
        const page = await store.readFrom(start?.seq ?? 0, pageSize);
        if (page.length === 0) return { ok: true, checked, lastHash: start?.hash ?? '' };
        const verdict = verifyAuditChain(page, start);
        if (!verdict.ok) return { ...verdict, checked: checked + verdict.checked };
        checked += verdict.checked;
        const last = page[page.length - 1]!;
        start = { seq: last.seq, hash: last.hash };
      }
    },
  };
}
