import { forbidden, invalid, newId, newSecret, notFound, sha256Hex } from '@camnet/core';
import type { Role } from '@camnet/core';
import type { Principal } from '../../http/principal.ts';
import type { UserStore } from '../users/user.store.ts';
import type { ApiToken, TokenStore } from './token.store.ts';

export interface TokensServiceDeps {
  tokens: TokenStore;
  users: UserStore;
  clock: () => Date;
}

/** Tokens start with this so leaked ones are easy to find in logs and code. */
export const TOKEN_PREFIX = 'cn_';

// A token may carry its owner's role or a narrower one; admins may issue any role to themselves for automation.
const NARROWER: Partial<Record<Role, readonly Role[]>> = {
  operator: ['operator', 'patrol'],
  investigator: ['investigator'],
};

export function presentToken(t: ApiToken) {
  const { tokenHash: _hash, ...rest } = t;
  return rest;
}

export type TokensService = ReturnType<typeof createTokensService>;

/**
 * How long a resolved token is trusted without reading the store again. Automation (CAD bridges, wall controllers)
 * calls many times a second; two reads per call were a fifth of a nearest-camera request. A revocation on this
 * instance takes effect at once; a user disabled, or a token revoked on another hub instance, within this bound.
 */
export const TOKEN_CACHE_MS = 2_000;

/** Creates, lists, revokes and resolves API tokens. */
export function createTokensService({ tokens, users, clock }: TokensServiceDeps) {
  const resolved = new Map<string, { principal: Principal; until: number }>();
  return {
    /** Returns the token text once; it cannot be shown again. */
    async create(userId: string, input: { name: string; role: Role; expiresInDays?: number }): Promise<{ token: string; item: ApiToken }> {
      const user = await users.findById(userId);
      if (!user || user.disabled) throw notFound('user_not_found', `No active user with id ${userId}.`);
      const allowed = user.role === 'admin' || (NARROWER[user.role] ?? [user.role]).includes(input.role);
      if (!allowed) throw forbidden('token_role_not_allowed', `A ${user.role} cannot create a token with role ${input.role}.`);
      if (input.expiresInDays !== undefined && (input.expiresInDays < 1 || input.expiresInDays > 3650)) throw invalid('token_expiry_invalid', 'Expiry must be between 1 and 3650 days.');
      const now = clock();
      const token = TOKEN_PREFIX + newSecret();
      const item: ApiToken = {
        id: newId(now.getTime()), userId, name: input.name, role: input.role, tokenHash: sha256Hex(token), createdAt: now.toISOString(),
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null,
        revokedAt: null, lastUsedAt: null,
      };
      await tokens.insert(item);
      return { token, item };
    },

    list(userId?: string): Promise<ApiToken[]> {
      return tokens.list({ userId });
    },

    /** Revokes a token; only its owner or an admin may. */
    async revoke(actor: Principal, id: string): Promise<ApiToken> {
      const t = await tokens.findById(id);
      if (!t) throw notFound('token_not_found', `No token with id ${id}.`);
      if (t.userId !== actor.userId && actor.role !== 'admin') throw forbidden('token_not_yours', 'Only the token owner or an admin can revoke it.');
      const revokedAt = t.revokedAt ?? clock().toISOString();
      await tokens.update(id, { revokedAt });
      resolved.delete(t.tokenHash);
      return { ...t, revokedAt };
    },

    /** The principal for a bearer token, or null when unknown, revoked, expired or its user is disabled. */
    async resolve(bearer: string): Promise<Principal | null> {
      if (!bearer.startsWith(TOKEN_PREFIX)) return null;
      const hash = sha256Hex(bearer);
      const now = clock();
      const cached = resolved.get(hash);
      if (cached && cached.until > now.getTime()) return { ...cached.principal };
      resolved.delete(hash);
      const t = await tokens.findByHash(hash);
      if (!t || t.revokedAt || (t.expiresAt && t.expiresAt <= now.toISOString())) return null;
      const user = await users.findById(t.userId);
      if (!user || user.disabled) return null;
      if (!t.lastUsedAt || now.getTime() - Date.parse(t.lastUsedAt) > 60_000) await tokens.update(t.id, { lastUsedAt: now.toISOString() });
      const principal: Principal = { userId: user.id, email: user.email, role: t.role, memberId: user.memberId, via: 'token', mfa: 'ok', tokenId: t.id };
      const until = Math.min(now.getTime() + TOKEN_CACHE_MS, t.expiresAt ? Date.parse(t.expiresAt) : Infinity);
      if (resolved.size >= 10_000) resolved.clear(); // bounded: a flood of distinct valid tokens cannot grow it
      resolved.set(hash, { principal, until });
      return { ...principal };
    },
  };
}
