import type { MemberKind } from '@camnet/core';
import type { Member } from '../../../features/members/member.ts';
import type { MemberStore } from '../../../features/members/member.store.ts';
import type { HubDatabase } from '../database.ts';
import type { MemberRow } from '../schema.ts';

const toMember = (r: MemberRow): Member => ({ id: r.id, name: r.name, kind: r.kind as MemberKind, contactEmail: r.contact_email, createdAt: r.created_at, updatedAt: r.updated_at });

/** Member organisations on SQLite or PostgreSQL. */
export function createKyselyMemberStore({ db }: HubDatabase): MemberStore {
  return {
    async insert(m) {
      await db.insertInto('members').values({ id: m.id, name: m.name, kind: m.kind, contact_email: m.contactEmail, created_at: m.createdAt, updated_at: m.updatedAt }).execute();
    },
    async findById(id) {
      const r = await db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toMember(r) : null;
    },
    async list(page) {
      let q = db.selectFrom('members').selectAll();
      if (page.kind) q = q.where('kind', '=', page.kind);
      if (page.q) q = q.where('name', 'like', `%${page.q}%`);
      if (page.afterId) q = q.where('id', '>', page.afterId);
      return (await q.orderBy('id').limit(page.limit).execute()).map(toMember);
    },
    async update(id, p) {
      const row: Partial<MemberRow> = {};
      if (p.name !== undefined) row.name = p.name;
      if (p.kind !== undefined) row.kind = p.kind;
      if (p.contactEmail !== undefined) row.contact_email = p.contactEmail;
      if (p.updatedAt !== undefined) row.updated_at = p.updatedAt;
      if (Object.keys(row).length) await db.updateTable('members').set(row).where('id', '=', id).execute();
    },
  };
}
