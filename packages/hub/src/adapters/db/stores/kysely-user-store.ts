import { conflict } from '@camnet/core';
import type { Role } from '@camnet/core';
import type { UserRecord } from '../../../features/users/user.ts';
import type { UserStore } from '../../../features/users/user.store.ts';
import type { HubDatabase } from '../database.ts';
import type { UserRow } from '../schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

const toUser = (r: UserRow): UserRecord => ({
  id: r.id, memberId: r.member_id, email: r.email, name: r.name, role: r.role as Role, passwordHash: r.password_hash,
  disabled: !!r.disabled, failedLogins: Number(r.failed_logins), lockedUntil: r.locked_until, totpSecret: r.totp_secret,
  totpEnabled: !!r.totp_enabled, recoveryCodes: r.recovery_codes ? JSON.parse(r.recovery_codes) : [], createdAt: r.created_at, updatedAt: r.updated_at,
});

function toRow(u: Partial<UserRecord>): Partial<UserRow> {
  const row: Partial<UserRow> = {};
  if (u.id !== undefined) row.id = u.id;
  if (u.memberId !== undefined) row.member_id = u.memberId;
  if (u.email !== undefined) row.email = u.email;
  if (u.name !== undefined) row.name = u.name;
  if (u.role !== undefined) row.role = u.role;
  if (u.passwordHash !== undefined) row.password_hash = u.passwordHash;
  if (u.disabled !== undefined) row.disabled = u.disabled ? 1 : 0;
  if (u.failedLogins !== undefined) row.failed_logins = u.failedLogins;
  if (u.lockedUntil !== undefined) row.locked_until = u.lockedUntil;
  if (u.totpSecret !== undefined) row.totp_secret = u.totpSecret;
  if (u.totpEnabled !== undefined) row.totp_enabled = u.totpEnabled ? 1 : 0;
  if (u.recoveryCodes !== undefined) row.recovery_codes = JSON.stringify(u.recoveryCodes);
  if (u.createdAt !== undefined) row.created_at = u.createdAt;
  if (u.updatedAt !== undefined) row.updated_at = u.updatedAt;
  return row;
}

/** Accounts on SQLite or PostgreSQL. */
export function createKyselyUserStore({ db }: HubDatabase): UserStore {
  return {
    async insert(user) {
      try {
        await db.insertInto('users').values(toRow(user) as UserRow).execute();
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('email_taken', `An account for ${user.email} already exists.`);
        throw e;
      }
    },
    async findById(id) {
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async findByEmail(email) {
      const r = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async list(filter, page) {
      let q = db.selectFrom('users').selectAll();
      if (filter.memberId) q = q.where('member_id', '=', filter.memberId);
      if (filter.role) q = q.where('role', '=', filter.role);
      if (filter.q) q = q.where((eb) => eb.or([eb('email', 'like', `%${filter.q}%`), eb('name', 'like', `%${filter.q}%`)]));
      if (page.afterId) q = q.where('id', '>', page.afterId);
      return (await q.orderBy('id').limit(page.limit).execute()).map(toUser);
    },
    async update(id, patch) {
      const row = toRow(patch);
      if (Object.keys(row).length) await db.updateTable('users').set(row).where('id', '=', id).execute();
    },
    async count() {
      const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
