import { z } from 'zod';

/** Keyset pagination query fields shared by list routes. */
export const pageQuery = {
  cursor: z.string().max(200).optional().describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Items per page'),
};

/** The list envelope every list route returns. */
export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
