/** True for a unique-constraint failure on SQLite (SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY) or PostgreSQL (23505). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
