import type { EventBus, HubEvents, HubTopic } from '../../events/event-bus.ts';

/** The embedded default: handlers run in this process; a failing handler is logged, never the publisher's problem. */
export function createInProcessEventBus(onError: (err: unknown, topic: string) => void = () => {}): EventBus {
  const handlers = new Map<string, Set<(p: unknown) => void | Promise<void>>>();
  return {
    async publish<T extends HubTopic>(topic: T, payload: HubEvents[T]) {
      for (const h of handlers.get(topic) ?? []) {
        try {
          await h(payload);
        } catch (err) {
          onError(err, topic);
        }
      }
    },
    subscribe<T extends HubTopic>(topic: T, handler: (payload: HubEvents[T]) => void | Promise<void>) {
      const set = handlers.get(topic) ?? new Set();
      handlers.set(topic, set);
      const h = handler as (p: unknown) => void | Promise<void>;
      set.add(h);
      return () => set.delete(h);
    },
    async close() {
      handlers.clear();
    },
  };
}
