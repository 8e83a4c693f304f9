import type { Migration } from 'kysely';
import * as foundation from './0001-foundation.ts';

/** Every migration in order; names sort by version. Forward-only. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
};
