import { forbidden, newId, notFound } from '@camnet/core';
import type { MemberKind } from '@camnet/core';
import type { Principal } from '../../http/principal.ts';
import { seesWholeNetwork } from '../../http/scope.ts';
import type { Member } from './member.ts';
import type { MemberStore } from './member.store.ts';

export type MembersService = ReturnType<typeof createMembersService>;

/** Member organisations: admins manage them; others see their own. */
export function createMembersService({ members, clock }: { members: MemberStore; clock: () => Date }) {
  return {
    async create(input: { name: string; kind: MemberKind; contactEmail?: string | null }): Promise<Member> {
      const now = clock().toISOString();
      const m: Member = { id: newId(clock().getTime()), name: input.name, kind: input.kind, contactEmail: input.contactEmail ?? null, createdAt: now, updatedAt: now };
      await members.insert(m);
      return m;
    },

    async get(viewer: Principal, id: string): Promise<Member> {
      const m = await members.findById(id);
      if (!m || (!seesWholeNetwork(viewer) && viewer.memberId !== id)) throw notFound('member_not_found', `No member with id ${id}.`);
      return m;
    },

    async list(viewer: Principal, q: { cursor?: string; limit: number; kind?: MemberKind; q?: string }) {
      if (!seesWholeNetwork(viewer)) {
        const own = await members.findById(viewer.memberId);
        return { items: own ? [own] : [], nextCursor: null };
      }
      const rows = await members.list({ afterId: q.cursor, limit: q.limit + 1, kind: q.kind, q: q.q });
      const items = rows.slice(0, q.limit);
      return { items, nextCursor: rows.length > q.limit ? items[items.length - 1]!.id : null };
    },

    async update(viewer: Principal, id: string, patch: { name?: string; kind?: MemberKind; contactEmail?: string | null }): Promise<Member> {
      if (viewer.role !== 'admin') throw forbidden('role_not_allowed', 'Only admins change members.');
      await this.get(viewer, id);
      await members.update(id, { ...patch, updatedAt: clock().toISOString() });
      return this.get(viewer, id);
    },
  };
}
