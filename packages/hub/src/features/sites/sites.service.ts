import { conflict, forbidden, invalid, newId, notFound } from '@camnet/core';
import type { Principal } from '../../http/principal.ts';
import { seesWholeNetwork } from '../../http/scope.ts';
import type { MemberStore } from '../members/member.store.ts';
import type { Site, SiteStore } from './site.store.ts';

export type SitesService = ReturnType<typeof createSitesService>;

export interface SiteInput {
  memberId?: string;
  name: string;
  address: string;
  lat: number;
  lon: number;
}

/** Sites. Owners and installers work within their own member; network roles see all. */
export function createSitesService({ sites, members, clock }: { sites: SiteStore; members: MemberStore; clock: () => Date }) {
  const visible = (viewer: Principal, s: Site | null): s is Site => !!s && (seesWholeNetwork(viewer) || s.memberId === viewer.memberId);

  return {
    async create(viewer: Principal, input: SiteInput): Promise<Site> {
      const memberId = input.memberId ?? viewer.memberId;
      if (!seesWholeNetwork(viewer) && memberId !== viewer.memberId) throw forbidden('not_your_member', 'You can only add sites for your own organisation.');
      if (!(await members.findById(memberId))) throw invalid('member_not_found', `No member with id ${memberId}.`);
      const now = clock().toISOString();
      const site: Site = { id: newId(clock().getTime()), memberId, name: input.name, address: input.address, lat: input.lat, lon: input.lon, createdAt: now, updatedAt: now };
      await sites.insert(site);
      return site;
    },

    async get(viewer: Principal, id: string): Promise<Site> {
      const s = await sites.findById(id);
      if (!visible(viewer, s)) throw notFound('site_not_found', `No site with id ${id}.`);
      return s;
    },

    async list(viewer: Principal, q: { memberId?: string; q?: string; cursor?: string; limit: number }) {
      const memberId = seesWholeNetwork(viewer) ? q.memberId : viewer.memberId;
      const rows = await sites.list({ memberId, q: q.q }, { afterId: q.cursor, limit: q.limit + 1 });
      const items = rows.slice(0, q.limit);
      return { items, nextCursor: rows.length > q.limit ? items[items.length - 1]!.id : null };
    },

    async update(viewer: Principal, id: string, patch: Partial<Omit<SiteInput, 'memberId'>>): Promise<Site> {
      await this.get(viewer, id);
      await sites.update(id, { ...patch, updatedAt: clock().toISOString() });
      return this.get(viewer, id);
    },

    async remove(viewer: Principal, id: string): Promise<void> {
      await this.get(viewer, id);
      if (!(await sites.delete(id))) throw conflict('site_in_use', 'Remove or move this site’s cameras and edges first.');
    },
  };
}
