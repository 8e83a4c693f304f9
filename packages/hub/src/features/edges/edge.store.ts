/** An edge agent at a site. Enrolment and credential secrets are stored as SHA-256 only. */
export interface Edge {
  id: string;
  /** Null only for the embedded edge of `camnet up`, which serves cameras at sites without an edge of their own. */
  siteId: string | null;
  embedded: boolean;
  name: string;
  enrolmentHash: string | null;
  credentialHash: string | null;
  status: 'pending' | 'online' | 'offline';
  version: string | null;
  lastSeenAt: string | null;
  diskUsedBytes: number | null;
  clockOffsetMs: number | null;
  createdAt: string;
}

export interface EdgeStore {
  insert(edge: Edge): Promise<void>;
  findById(id: string): Promise<Edge | null>;
  findByEnrolmentHash(hash: string): Promise<Edge | null>;
  findByCredentialHash(hash: string): Promise<Edge | null>;
  list(filter: { siteIds?: string[] }): Promise<Edge[]>;
  update(id: string, patch: Partial<Omit<Edge, 'id' | 'createdAt' | 'siteId'>>): Promise<void>;
  /** Edges online whose last heartbeat is older than `before`. */
  listStale(before: string): Promise<Edge[]>;
  findEmbedded(): Promise<Edge | null>;
}
