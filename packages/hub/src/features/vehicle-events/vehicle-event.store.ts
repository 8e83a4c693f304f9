import type { Colour, PlateMatch, PlateQueryPlan, VehicleEvent, VehicleEventSource, VehicleType } from '@camnet/core';

/** A vehicle event as the hub keeps it: the edge's event plus the hub's id, edge and receive time. */
export interface StoredVehicleEvent extends Omit<VehicleEvent, 'thumbnailJpegBase64' | 'plateCropJpegBase64'> {
  /** Time-ordered integer id (startedMs * 1000 + slot), unique in the hub. */
  id: number;
  edgeId: string;
  receivedAt: string;
  hasThumbnail: boolean;
}

/** What one ingest call did: newly stored events and ignored repeats of (edge, localId). */
export interface IngestResult {
  accepted: number;
  duplicates: number;
}

/** Filters a store answers; the service resolves places, relative times and plate plans first. */
export interface VehicleEventQuery {
  /** Inclusive start, exclusive end, epoch ms of the event's start. */
  fromMs: number;
  toMs: number;
  cameraIds?: string[];
  types?: VehicleType[];
  colours?: Colour[];
  plate?: PlateQueryPlan;
  /** Direction of travel in degrees, `from` → `to` clockwise (may wrap through north). */
  direction?: { from: number; to: number };
  /** Minimum confidence of the colour (with a colour filter) and of the plate read (with a plate filter). */
  minConfidence?: number;
  sources?: VehicleEventSource[];
}

/** Sort orders: by start time, or by plate match quality (then newest). */
export type VehicleEventSort = 'time_desc' | 'time_asc' | 'quality';

/** Keyset position: the last row's id (and its plate score under `quality`). */
export interface VehicleEventCursor {
  id: number;
  score?: number;
}

/** One hit: the event and, for plate searches, how well its plate matched. */
export interface VehicleEventHit {
  event: StoredVehicleEvent;
  plateMatch: PlateMatch | null;
}

/** Counts of matching events by colour, type, camera and UTC hour of day. */
export interface VehicleEventFacets {
  total: number;
  colour: Record<string, number>;
  type: Record<string, number>;
  camera: Record<string, number>;
  hour: Record<string, number>;
}

/** Vehicle events: idempotent batched ingest and indexed search. */
export interface VehicleEventStore {
  /** Stores each (edge, localId) once in one transaction; repeats are counted as duplicates. */
  ingest(edgeId: string, events: VehicleEvent[], receivedMs: number): Promise<IngestResult>;
  /** One page in the given order after `after`; `nextCursor` is null on the last page. */
  search(query: VehicleEventQuery, page: { sort: VehicleEventSort; after?: VehicleEventCursor; limit: number }): Promise<{ hits: VehicleEventHit[]; nextCursor: VehicleEventCursor | null }>;
  /** How many events match, counting no further than `cap` (then `capped` is true). */
  count(query: VehicleEventQuery, cap: number): Promise<{ count: number; capped: boolean }>;
  facets(query: VehicleEventQuery): Promise<VehicleEventFacets>;
  findById(id: number): Promise<StoredVehicleEvent | null>;
  /** Retention: removes every event that started before `ms` (PostgreSQL drops whole day partitions); returns how many went. */
  deleteBefore(ms: number): Promise<number>;
  /** The stored thumbnail (base64 JPEG) of an event, if the edge sent one. */
  thumbnail(id: number): Promise<string | null>;
}
