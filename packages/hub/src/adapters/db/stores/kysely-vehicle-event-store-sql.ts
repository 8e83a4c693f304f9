import { CompiledQuery } from 'kysely';
import type { QueryResult } from 'kysely';
import type { DialectName } from '../database.ts';

/** Anything that runs a compiled query: a Kysely instance or transaction of any schema. */
export interface QueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * Hand-built SQL for the vehicle-event hot paths: one string and one parameter array, run as a
 * compiled query (no query-builder tree per row: ingest builds 8,000-value statements).
 */
export class SqlText {
  readonly params: unknown[] = [];
  text = '';
  constructor(readonly dialect: DialectName) {}

  /** A placeholder bound to `value`. */
  p(value: unknown): string {
    this.params.push(value);
    return this.dialect === 'postgres' ? `$${this.params.length}` : '?';
  }

  /** A parenthesised placeholder list for IN. */
  list(values: readonly unknown[]): string {
    return `(${values.map((v) => this.p(v)).join(', ')})`;
  }

  /** `column IN (…)`; on PostgreSQL one array parameter (`= ANY($n::type[])`), which plans far faster than a long IN list over many partitions. */
  inList(column: string, values: readonly unknown[], pgType: 'text' | 'bigint' | 'integer'): string {
    return this.dialect === 'postgres' ? `${column} = any(${this.p(values)}::${pgType}[])` : `${column} in ${this.list(values)}`;
  }

  add(fragment: string): this {
    this.text += fragment;
    return this;
  }

  /** Runs a write and returns how many rows it changed. */
  async affected(db: QueryRunner): Promise<number> {
    return Number((await db.executeQuery(CompiledQuery.raw(this.text, this.params))).numAffectedRows ?? 0);
  }

  async run<R>(db: QueryRunner): Promise<R[]> {
    return (await db.executeQuery<R>(CompiledQuery.raw(this.text, this.params))).rows;
  }
}

/** Splits into chunks of `size` (statements stay under the bound-parameter limits). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
