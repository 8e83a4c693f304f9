import { connect, JSONCodec } from 'nats';
import type { NatsConnection, Subscription } from 'nats';
import type { EventBus, HubEvents, HubTopic } from '../../events/event-bus.ts';

const codec = JSONCodec();

/**
 * Domain events over NATS core subjects `<prefix>.<topic>`, so every hub instance sees every event (dashboards on
 * any instance update). Handlers run once per instance. Durable work (notification deliveries) uses JetStream
 * consumers, not this fan-out.
 */
export async function connectNatsEventBus(opts: { url: string; prefix?: string; onError?: (err: unknown, topic: string) => void }): Promise<EventBus> {
  const nc: NatsConnection = await connect({ servers: opts.url, name: 'camnet-hub', maxReconnectAttempts: -1 });
  const prefix = opts.prefix ?? 'camnet.events';
  const subs = new Set<Subscription>();
  return {
    async publish<T extends HubTopic>(topic: T, payload: HubEvents[T]) {
      nc.publish(`${prefix}.${topic}`, codec.encode(payload));
    },
    subscribe<T extends HubTopic>(topic: T, handler: (payload: HubEvents[T]) => void | Promise<void>) {
      const sub = nc.subscribe(`${prefix}.${topic}`);
      subs.add(sub);
      void (async () => {
        for await (const m of sub) {
          try {
            await handler(codec.decode(m.data) as HubEvents[T]);
          } catch (err) {
            opts.onError?.(err, topic);
          }
        }
      })();
      return () => {
        sub.unsubscribe();
        subs.delete(sub);
      };
    },
    async close() {
      for (const s of subs) s.unsubscribe();
      await nc.drain();
    },
  };
}
