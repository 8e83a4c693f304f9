import { conflict, invalid, newId, notFound } from '@camnet/core';
import type { Role } from '@camnet/core';
import type { MemberStore } from '../members/member.store.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { passwordProblem } from './password-hasher.ts';
import type { UserRecord } from './user.ts';
import type { UserFilter, UserStore } from './user.store.ts';

export interface UsersServiceDeps {
  users: UserStore;
  members: MemberStore;
  hasher: PasswordHasher;
  clock: () => Date;
}

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  memberId: string;
  password: string;
}

export type UsersService = ReturnType<typeof createUsersService>;

/** Account administration: create, list, change role, disable. */
export function createUsersService({ users, members, hasher, clock }: UsersServiceDeps) {
  return {
    async create(input: NewUserInput): Promise<UserRecord> {
      const problem = passwordProblem(input.password);
      if (problem) throw invalid('password_too_weak', problem);
      if (!(await members.findById(input.memberId))) throw invalid('member_not_found', `No member with id ${input.memberId}.`);
      const email = input.email.trim().toLowerCase();
      if (await users.findByEmail(email)) throw conflict('email_taken', `An account for ${email} already exists.`);
      const now = clock().toISOString();
      const user: UserRecord = {
        id: newId(clock().getTime()), memberId: input.memberId, email, name: input.name.trim(), role: input.role,
        passwordHash: await hasher.hash(input.password), disabled: false, failedLogins: 0, lockedUntil: null,
        totpSecret: null, totpEnabled: false, recoveryCodes: [], createdAt: now, updatedAt: now,
      };
      await users.insert(user);
      return user;
    },

    async list(filter: UserFilter, page: { cursor?: string; limit: number }) {
      const rows = await users.list(filter, { afterId: page.cursor, limit: page.limit + 1 });
      const items = rows.slice(0, page.limit);
      return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
    },

    async get(id: string): Promise<UserRecord> {
      const u = await users.findById(id);
      if (!u) throw notFound('user_not_found', `No user with id ${id}.`);
      return u;
    },

    /** Changes role or disabled state; an admin cannot demote or disable themself (so a network always keeps one). */
    async update(actorId: string, id: string, patch: { role?: Role; disabled?: boolean; name?: string }): Promise<UserRecord> {
      const u = await this.get(id);
      if (id === actorId && (patch.disabled || (patch.role && patch.role !== u.role))) {
        throw invalid('cannot_change_own_access', 'Ask another admin to change your own role or disable your account.');
      }
      await users.update(id, { ...patch, updatedAt: clock().toISOString() });
      return this.get(id);
    },

    async findByEmail(email: string): Promise<UserRecord | null> {
      return users.findByEmail(email.trim().toLowerCase());
    },
  };
}
