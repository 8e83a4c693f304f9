import type { Member } from './member.ts';

/** Member organisations. */
export interface MemberStore {
  insert(member: Member): Promise<void>;
  findById(id: string): Promise<Member | null>;
  list(page: { afterId?: string; limit: number; kind?: string; q?: string }): Promise<Member[]>;
  update(id: string, patch: Partial<Omit<Member, 'id' | 'createdAt'>>): Promise<void>;
}
