/** Domain events that fan out inside the hub (and between hub instances on NATS). Topics are past tense. */
export interface HubEvents {
  'camera.changed': { cameraId: string; memberId: string };
  'camera.removed': { cameraId: string; memberId: string };
  /** RTCC (issue 6): a new incident (ids and position only; pages fetch the rest with their own access). */
  'incident.created': { incidentId: string; incidentType: string; priority: number; lat: number; lon: number };
  'incident.changed': { incidentId: string; change: string };
  'bolo.sent': { boloId: string; title: string; plate: string | null; incidentId: string | null };
  'bolo.acknowledged': { boloId: string; userId: string; userEmail: string; at: string };
  'edge.changed': { edgeId: string; siteId: string | null };
}
export type HubTopic = keyof HubEvents;

/** Publish/subscribe between features; the adapter decides in-process or NATS. */
export interface EventBus {
  publish<T extends HubTopic>(topic: T, payload: HubEvents[T]): Promise<void>;
  subscribe<T extends HubTopic>(topic: T, handler: (payload: HubEvents[T]) => void | Promise<void>): () => void;
  close(): Promise<void>;
}
