import { canonicalJson, sha256Hex } from './hashing.ts';

/** Why an action was taken: required for searches and reads of protected data. */
export interface AuditPurpose {
  caseNumber?: string;
  offence?: string;
  text?: string;
}

/** What a caller records; the log adds seq, time and the hash links. */
export interface AuditEntry {
  actor: string;
  action: string;
  target: string | null;
  purpose: AuditPurpose | null;
  outcome: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown> | null;
}

/** One stored, chained record. `hash = sha256(prevHash ‖ canonicalJson(record without hashes))`. */
export interface AuditRecord extends AuditEntry {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

/** The prev hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hash of a record given the previous record's hash. */
export function auditHash(prevHash: string, record: Omit<AuditRecord, 'prevHash' | 'hash'>): string {
  const body = {
    seq: record.seq,
    at: record.at,
    actor: record.actor,
    action: record.action,
    target: record.target,
    purpose: record.purpose,
    outcome: record.outcome,
    details: record.details ?? null,
  };
  return sha256Hex(prevHash + canonicalJson(body));
}

/** Links a new entry after `prev` (or the genesis). */
export function chainAuditEntry(prev: Pick<AuditRecord, 'seq' | 'hash'> | null, entry: AuditEntry, at: string): AuditRecord {
  const seq = prev ? prev.seq + 1 : 1;
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  const record = { ...entry, details: entry.details ?? null, seq, at };
  return { ...record, prevHash, hash: auditHash(prevHash, record) };
}

export type ChainVerdict = { ok: true; checked: number; lastHash: string } | { ok: false; checked: number; brokenSeq: number; reason: string };

/**
 * Walks records in seq order, continuing from `start` (the last verified record, or null for the genesis),
 * and names the first record whose seq, link or hash does not hold. Callable page by page.
 */
export function verifyAuditChain(records: Iterable<AuditRecord>, start: { seq: number; hash: string } | null = null): ChainVerdict {
  let expectedSeq = start ? start.seq + 1 : 1;
  let prevHash = start ? start.hash : GENESIS_HASH;
  let checked = 0;
  for (const r of records) {
    if (r.seq !== expectedSeq) return { ok: false, checked, brokenSeq: expectedSeq, reason: `record ${expectedSeq} is missing (found ${r.seq})` };
    if (r.prevHash !== prevHash) return { ok: false, checked, brokenSeq: r.seq, reason: 'prev_hash does not match the previous record' };
    if (auditHash(prevHash, r) !== r.hash) return { ok: false, checked, brokenSeq: r.seq, reason: 'hash does not match the record contents' };
    prevHash = r.hash;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked, lastHash: prevHash };
}
