/** A place with cameras (a shop, a home), owned by a member. */
export interface Site {
  id: string;
  memberId: string;
  name: string;
  address: string;
  lat: number;
  lon: number;
  createdAt: string;
  updatedAt: string;
}

export interface SiteStore {
  insert(site: Site): Promise<void>;
  findById(id: string): Promise<Site | null>;
  list(filter: { memberId?: string; q?: string }, page: { afterId?: string; limit: number }): Promise<Site[]>;
  update(id: string, patch: Partial<Omit<Site, 'id' | 'createdAt' | 'memberId'>>): Promise<void>;
  /** Deletes a site; false if it still has cameras or edges. */
  delete(id: string): Promise<boolean>;
}
