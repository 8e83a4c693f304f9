import type { z } from 'zod';
import type { OutboxEvent } from '@camnet/core';

/** What a feature does with one kind of outbox item: its payload schema and how to store a batch of them once. */
export interface OutboxKindHandler<T = unknown> {
  schema: z.ZodType<T>;
  store(edgeId: string, payloads: T[]): Promise<{ accepted: number; duplicates: number }>;
}

/** The result of one edge batch: every item is accepted, a duplicate, or rejected (reported, never retried). */
export interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
}

/**
 * Routes an edge's outbox batch to the feature that owns each kind. Items that are not valid, or of a kind this
 * hub does not know, are reported and dropped: a poison item must not block the edge's outbox behind it.
 */
export function createOutboxRouter(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own payload type; the schema checks it
  handlers: Record<string, OutboxKindHandler<any>>,
  report: (problem: { edgeId: string; key: string; kind: string; message: string }) => void,
) {
  return async (edgeId: string, items: OutboxEvent[]): Promise<BatchResult> => {
    const byKind = new Map<string, unknown[]>();
    let rejected = 0;
    for (const item of items) {
      const handler = handlers[item.kind];
      const parsed = handler?.schema.safeParse(item.payload);
      if (!handler || !parsed?.success) {
        rejected++;
        report({ edgeId, key: item.key, kind: item.kind, message: handler ? parsed?.error?.issues[0]?.message ?? 'invalid' : `unknown outbox kind "${item.kind}"` });
        continue;
      }
      byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), parsed.data]);
    }
    const result: BatchResult = { accepted: 0, duplicates: 0, rejected };
    for (const [kind, payloads] of byKind) {
      const r = await handlers[kind]!.store(edgeId, payloads);
      result.accepted += r.accepted;
      result.duplicates += r.duplicates;
    }
    return result;
  };
}
