import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createOutboxRouter } from './outbox-router.ts';

describe('outbox router', () => {
  it('sends each kind to its handler, and reports invalid and unknown items instead of failing the batch', async () => {
    const stored: Record<string, unknown[]> = {};
    const problems: string[] = [];
    const handler = (kind: string) => ({
      schema: z.object({ n: z.number() }),
      store: async (_edge: string, p: unknown[]) => {
        stored[kind] = p;
        return { accepted: p.length - 1, duplicates: 1 };
      },
    });
    const route = createOutboxRouter({ a: handler('a'), b: handler('b') }, (p) => problems.push(`${p.kind}:${p.key}`));
    const r = await route('e1', [
      { key: 'a1', kind: 'a', edgeTime: '', payload: { n: 1 } },
      { key: 'a2', kind: 'a', edgeTime: '', payload: { n: 2 } },
      { key: 'b1', kind: 'b', edgeTime: '', payload: { n: 'x' } },
      { key: 'c1', kind: 'c', edgeTime: '', payload: {} },
      { key: 'b2', kind: 'b', edgeTime: '', payload: { n: 3 } },
    ]);
    expect(stored).toEqual({ a: [{ n: 1 }, { n: 2 }], b: [{ n: 3 }] });
    expect(r).toEqual({ accepted: 1, duplicates: 2, rejected: 2 });
    expect(problems).toEqual(['b:b1', 'c:c1']);
  });
});
