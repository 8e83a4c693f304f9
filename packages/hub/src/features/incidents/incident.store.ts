import type { Incident, TimelineEntry } from './incident.ts';

/** Filter for incident lists and hot-spot bins. */
export interface IncidentFilter {
  status?: string;
  types?: string[];
  from?: string;
  to?: string;
}

/** Incidents and their timelines. `insert` reports `false` when the external id already exists (idempotent CAD). */
export interface IncidentStore {
  insert(incident: Incident, first: TimelineEntry): Promise<boolean>;
  findById(id: string): Promise<Incident | null>;
  findByExternalId(externalId: string): Promise<Incident | null>;
  /** Newest first (by occurredAt, then id); `before` is a cursor "occurredAt|id". */
  list(filter: IncidentFilter, page: { before?: string; limit: number }): Promise<Incident[]>;
  /** Positions, types and times only, for hot-spot bins (at most `limit`). */
  points(filter: IncidentFilter, limit: number): Promise<{ lat: number; lon: number; type: string; occurredAt: string }[]>;
  update(id: string, patch: Partial<Pick<Incident, 'status' | 'disposition' | 'cameras' | 'updatedAt'>>): Promise<void>;
  addTimeline(entry: TimelineEntry): Promise<void>;
  timeline(incidentId: string): Promise<TimelineEntry[]>;
}
