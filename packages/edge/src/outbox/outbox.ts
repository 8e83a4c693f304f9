/** One item waiting to go to the hub (or already acknowledged). */
export interface OutboxItem {
  seq: number;
  key: string;
  kind: string;
  payload: unknown;
  /** Edge time of enqueue, epoch ms. */
  createdMs: number;
}

/**
 * Durable store-and-forward queue: what is enqueued survives crashes; `takeBatch` never returns an acknowledged
 * item; enqueueing an idempotency key twice keeps the first item only.
 */
export interface Outbox {
  enqueue(kind: string, payload: unknown, idempotencyKey: string): { seq: number; duplicate: boolean };
  /** The oldest unacknowledged items, in enqueue order. */
  takeBatch(limit: number): OutboxItem[];
  /** Marks items acknowledged by the hub; returns how many were newly acknowledged. */
  acknowledge(seqs: readonly number[]): number;
  pending(): number;
  /** Forgets acknowledged items acknowledged before `beforeMs` (the hub deduplicates by key anyway). */
  purgeAcknowledged(beforeMs: number): number;
}
