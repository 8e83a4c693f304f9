import type { AuditEntry, AuditRecord } from '@camnet/core';

/** Filters an auditor can apply; all optional. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

/** The append-only audit log. `append` links the entry after the newest record atomically, even across hub instances. */
export interface AuditStore {
  append(entry: AuditEntry, at: string): Promise<AuditRecord>;
  /** Newest first, records with seq < beforeSeq. */
  list(filter: AuditFilter, page: { beforeSeq?: number; limit: number }): Promise<AuditRecord[]>;
  /** Oldest first, records with seq > afterSeq (for verification). */
  readFrom(afterSeq: number, limit: number): Promise<AuditRecord[]>;
}
