import type { NearestCamera } from '../nearest/nearest.service.ts';

/** Where an incident came from. */
export const INCIDENT_SOURCES = ['cad', 'dashboard', 'api', 'gunshot'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** Life cycle of an incident. */
export const INCIDENT_STATUSES = ['open', 'dispatched', 'on_scene', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Outcomes recorded when an incident closes. */
export const DISPOSITIONS = ['unfounded', 'report_taken', 'arrest', 'evidence_recovered', 'gone_on_arrival', 'referred', 'cancelled', 'other'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** What happens about footage from one attached camera. */
export type FootageState = 'clip_requested' | 'clip_unavailable' | 'request_needed' | 'not_shared' | 'live_only';

/** A camera attached to an incident: its rank and what was done about footage. */
export interface IncidentCamera extends NearestCamera {
  footage: FootageState | null;
  clipId: string | null;
}

/** A 911/CAD call, a gunshot, or an operator entry. `cameras` holds covering cameras (ranked) then nearby ones (`covers` false). */
export interface Incident {
  id: string;
  externalId: string | null;
  source: IncidentSource;
  type: string;
  priority: number;
  status: IncidentStatus;
  disposition: Disposition | null;
  occurredAt: string;
  lat: number;
  lon: number;
  address: string | null;
  callerNotes: string | null;
  cameras: IncidentCamera[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Kinds of timeline entries. */
export type TimelineKind = 'created' | 'note' | 'status' | 'disposition' | 'cameras' | 'clip' | 'footage_request' | 'bolo' | 'gunshot';

/** One line of an incident's timeline (append-only). */
export interface TimelineEntry {
  id: string;
  incidentId: string;
  at: string;
  kind: TimelineKind;
  actor: string;
  text: string;
  data: Record<string, unknown> | null;
}
