import type { Role } from '@camnet/core';
import type { UserRecord } from './user.ts';

export interface UserFilter {
  memberId?: string;
  role?: Role;
  q?: string;
}

/** Accounts. Emails are stored lower-case and unique: `insert` throws `conflict('email_taken')` on a repeat. */
export interface UserStore {
  insert(user: UserRecord): Promise<void>;
  findById(id: string): Promise<UserRecord | null>;
  findByEmail(email: string): Promise<UserRecord | null>;
  /** Ordered by id (creation order); `afterId` is the keyset cursor. */
  list(filter: UserFilter, page: { afterId?: string; limit: number }): Promise<UserRecord[]>;
  update(id: string, patch: Partial<Omit<UserRecord, 'id' | 'createdAt'>>): Promise<void>;
  count(): Promise<number>;
}
