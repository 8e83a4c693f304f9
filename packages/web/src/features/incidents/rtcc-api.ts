/** The crime centre's API: incidents, nearest cameras, geocoding, BOLOs and hot-spots (typed over the shared client). */
import { api } from '../../api/http.ts';
import type { CameraStatus, Page, SharingMode } from '../../api/types.ts';

export type FootageState = 'clip_requested' | 'clip_unavailable' | 'request_needed' | 'not_shared' | 'live_only';

export interface RankedCamera {
  id: string;
  name: string;
  lat: number;
  lon: number;
  headingDeg: number;
  status: CameraStatus;
  sharingMode: SharingMode;
  lastFrameAt: string | null;
  distanceM: number;
  offAxisDeg: number;
  covers: boolean;
  rank: number;
  footage?: FootageState | null;
  clipId?: string | null;
}

export const INCIDENT_STATUSES = ['open', 'dispatched', 'on_scene', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const DISPOSITIONS = ['unfounded', 'report_taken', 'arrest', 'evidence_recovered', 'gone_on_arrival', 'referred', 'cancelled', 'other'] as const;

export interface TimelineEntry {
  id: string;
  at: string;
  kind: string;
  actor: string;
  text: string;
}

export interface Incident {
  id: string;
  externalId: string | null;
  source: 'cad' | 'dashboard' | 'api' | 'gunshot';
  type: string;
  priority: number;
  status: IncidentStatus;
  disposition: string | null;
  occurredAt: string;
  lat: number;
  lon: number;
  address: string | null;
  callerNotes: string | null;
  cameras: RankedCamera[];
  createdAt: string;
  timeline?: TimelineEntry[];
}

export interface IncidentInput {
  type: string;
  priority: number;
  address?: string;
  lat?: number;
  lon?: number;
  callerNotes?: string;
}

export interface BoloAck {
  boloId: string;
  userId: string;
  userEmail: string;
  at: string;
}

export interface Bolo {
  id: string;
  incidentId: string | null;
  title: string;
  plate: string | null;
  vehicle: { type?: string; colour?: string; make?: string; model?: string; state?: string };
  description: string | null;
  images: string[];
  lastSeenAt: string | null;
  lastSeenPlace: string | null;
  sentBy: string;
  createdAt: string;
  acks: BoloAck[];
  acknowledgedByMe: boolean;
}

export type BoloInput = Partial<Omit<Bolo, 'id' | 'acks' | 'acknowledgedByMe' | 'sentBy' | 'createdAt'>> & { title: string };

export interface GeocodeResult {
  lat: number;
  lon: number;
  label: string;
  precision: string;
}

/** GeoJSON FeatureCollection of hexagons (properties: count, types, intensity). */
export interface HexCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id: string; geometry: { type: 'Polygon'; coordinates: [number, number][][] }; properties: { count: number; types: Record<string, number>; intensity: number } }[];
}

export interface HotspotQuery {
  types?: string;
  from?: string;
  to?: string;
  cellM?: number;
}

export const rtccApi = {
  incidents: (q: { status?: string; cursor?: string | null; limit?: number } = {}) => api.get<Page<Incident>>('/incidents', { ...q }),
  incident: (id: string) => api.get<Incident & { timeline: TimelineEntry[] }>(`/incidents/${id}`),
  createIncident: (input: IncidentInput) => api.post<Incident>('/incidents', input),
  updateIncident: (id: string, patch: { status?: IncidentStatus; disposition?: string }) => api.patch<Incident>(`/incidents/${id}`, patch),
  addNote: (id: string, text: string) => api.post<TimelineEntry>(`/incidents/${id}/notes`, { text }),
  geocode: (q: string) => api.get<GeocodeResult>('/geocode', { q }),
  bolos: (q: { cursor?: string | null; limit?: number } = {}) => api.get<Page<Bolo>>('/bolos', { ...q }),
  bolo: (id: string) => api.get<Bolo>(`/bolos/${id}`),
  sendBolo: (input: BoloInput) => api.post<Bolo>('/bolos', input),
  acknowledge: (id: string) => api.post<BoloAck>(`/bolos/${id}/ack`, {}),
  hotspots: (q: HotspotQuery) => api.get<{ incidents: number; truncated: boolean; geojson: HexCollection }>('/hotspots', { ...q }),
};

/** The URL of a camera's latest snapshot; `bust` defeats caches so each refresh asks the edge again. */
export function snapshotUrl(cameraId: string, bust: number, incidentId?: string): string {
  const q = new URLSearchParams({ t: String(bust) });
  if (incidentId) q.set('incidentId', incidentId);
  return `/api/v1/cameras/${encodeURIComponent(cameraId)}/snapshot.jpg?${q}`;
}

/** The camera's live view as MJPEG through the hub (2 frames a second). */
export function liveUrl(cameraId: string, incidentId?: string): string {
  const q = new URLSearchParams({ fps: '2' });
  if (incidentId) q.set('incidentId', incidentId);
  return `/api/v1/cameras/${encodeURIComponent(cameraId)}/live.mjpeg?${q}`;
}
