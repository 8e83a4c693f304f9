import type { Role } from '@camnet/core';
import type { ApiToken, TokenStore } from '../../../features/tokens/token.store.ts';
import type { HubDatabase } from '../database.ts';
import type { ApiTokenRow } from '../schema.ts';

const toToken = (r: ApiTokenRow): ApiToken => ({
  id: r.id, userId: r.user_id, name: r.name, role: r.role as Role, tokenHash: r.token_hash, createdAt: r.created_at,
  expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at,
});

/** API tokens on SQLite or PostgreSQL. */
export function createKyselyTokenStore({ db }: HubDatabase): TokenStore {
  return {
    async insert(t) {
      await db.insertInto('api_tokens').values({
        id: t.id, user_id: t.userId, name: t.name, role: t.role, token_hash: t.tokenHash, created_at: t.createdAt,
        expires_at: t.expiresAt, revoked_at: t.revokedAt, last_used_at: t.lastUsedAt,
      }).execute();
    },
    async findByHash(hash) {
      const r = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return r ? toToken(r) : null;
    },
    async findById(id) {
      const r = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toToken(r) : null;
    },
    async list(filter) {
      let q = db.selectFrom('api_tokens').selectAll();
      if (filter.userId) q = q.where('user_id', '=', filter.userId);
      return (await q.orderBy('id', 'desc').execute()).map(toToken);
    },
    async update(id, p) {
      const row: Partial<ApiTokenRow> = {};
      if (p.revokedAt !== undefined) row.revoked_at = p.revokedAt;
      if (p.lastUsedAt !== undefined) row.last_used_at = p.lastUsedAt;
      if (Object.keys(row).length) await db.updateTable('api_tokens').set(row).where('id', '=', id).execute();
    },
  };
}
