/** Domain events that fan out inside the hub (and between hub instances on NATS). Topics are past tense. */
export interface HubEvents {
  'camera.changed': { cameraId: string; memberId: string };
  'camera.removed': { cameraId: string; memberId: string };
  'edge.changed': { edgeId: string; siteId: string };
}
export type HubTopic = keyof HubEvents;

/** Publish/subscribe between features; the adapter decides in-process or NATS. */
export interface EventBus {
  publish<T extends HubTopic>(topic: T, payload: HubEvents[T]): Promise<void>;
  subscribe<T extends HubTopic>(topic: T, handler: (payload: HubEvents[T]) => void | Promise<void>): () => void;
  close(): Promise<void>;
}
