import type { Session, SessionStore, SetupTokenStore } from '../../../features/auth/session.store.ts';
import type { HubDatabase } from '../database.ts';
import type { SessionRow } from '../schema.ts';

const toSession = (r: SessionRow): Session => ({
  idHash: r.id_hash, userId: r.user_id, csrfToken: r.csrf_token, mfaState: r.mfa_state as Session['mfaState'],
  createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at,
});

/** Browser sessions on SQLite or PostgreSQL. */
export function createKyselySessionStore({ db }: HubDatabase): SessionStore {
  return {
    async insert(s) {
      await db.insertInto('sessions').values({
        id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, mfa_state: s.mfaState,
        created_at: s.createdAt, last_seen_at: s.lastSeenAt, expires_at: s.expiresAt,
      }).execute();
    },
    async find(idHash) {
      const r = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return r ? toSession(r) : null;
    },
    async update(idHash, p) {
      const row: Partial<SessionRow> = {};
      if (p.lastSeenAt) row.last_seen_at = p.lastSeenAt;
      if (p.mfaState) row.mfa_state = p.mfaState;
      if (Object.keys(row).length) await db.updateTable('sessions').set(row).where('id_hash', '=', idHash).execute();
    },
    async delete(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteForUser(userId) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
  };
}

/** One-time set-up tokens on SQLite or PostgreSQL. */
export function createKyselySetupTokenStore({ db }: HubDatabase): SetupTokenStore {
  return {
    async insert(tokenHash, at) {
      await db.insertInto('setup_tokens').values({ token_hash: tokenHash, created_at: at, used_at: null }).execute();
    },
    async consume(tokenHash, at) {
      const r = await db.updateTable('setup_tokens').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
