import type { Role } from '@camnet/core';

/** An API token for scripts and integrations; only its SHA-256 is stored. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  /** The token's scope: a role no more powerful than its owner's at creation. */
  role: Role;
  tokenHash: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface TokenStore {
  insert(t: ApiToken): Promise<void>;
  findByHash(hash: string): Promise<ApiToken | null>;
  findById(id: string): Promise<ApiToken | null>;
  list(filter: { userId?: string }): Promise<ApiToken[]>;
  update(id: string, patch: Partial<Pick<ApiToken, 'revokedAt' | 'lastUsedAt'>>): Promise<void>;
}
