import { afterAll, describe, expect, it } from 'vitest';
import type { EventBus } from '../../events/event-bus.ts';
import { createInProcessEventBus } from './in-process-event-bus.ts';
import { connectNatsEventBus } from './nats-event-bus.ts';

const NATS_URL = process.env.CAMNET_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

async function natsReachable(): Promise<boolean> {
  try {
    const bus = await connectNatsEventBus({ url: NATS_URL });
    await bus.close();
    return true;
  } catch {
    return false;
  }
}
const hasNats = await natsReachable();
if (!hasNats && process.env.CAMNET_REQUIRE_NATS !== '1') console.warn(`[camnet] NATS not reachable at ${NATS_URL}: NATS bus suite skipped.`);

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

/** The same behaviour on every bus: publishers reach every subscriber of a topic; unsubscribe stops delivery. */
function contract(name: string, make: () => Promise<[EventBus, EventBus]>, enabled: boolean) {
  (enabled ? describe : describe.skip)(`event bus contract [${name}]`, () => {
    let buses: [EventBus, EventBus];
    afterAll(async () => {
      await Promise.all(buses?.map((b) => b.close()) ?? []);
    });

    it('delivers to subscribers (on another instance too) and stops after unsubscribe', async () => {
      buses = await make();
      const [a, b] = buses;
      const got: string[] = [];
      const off = b.subscribe('camera.changed', (p) => void got.push(`b:${p.cameraId}`));
      a.subscribe('camera.changed', (p) => void got.push(`a:${p.cameraId}`));
      await new Promise((r) => setTimeout(r, 50));
      await a.publish('camera.changed', { cameraId: 'c1', memberId: 'm1' });
      await until(() => got.length >= 2);
      expect(got.sort()).toEqual(['a:c1', 'b:c1']);
      off();
      await a.publish('camera.changed', { cameraId: 'c2', memberId: 'm1' });
      await until(() => got.includes('a:c2'));
      await new Promise((r) => setTimeout(r, 100));
      expect(got).not.toContain('b:c2');
    });

    it('a failing handler does not stop others', async () => {
      const [a, b] = buses;
      const got: string[] = [];
      b.subscribe('camera.removed', () => { throw new Error('boom'); });
      b.subscribe('camera.removed', (p) => void got.push(p.cameraId));
      await new Promise((r) => setTimeout(r, 50));
      await a.publish('camera.removed', { cameraId: 'c9', memberId: 'm1' });
      await until(() => got.length > 0);
      expect(got).toEqual(['c9']);
    });
  });
}

contract('in-process', async () => {
  const bus = createInProcessEventBus();
  return [bus, bus];
}, true);

contract('nats', async () => {
  const prefix = `camnet-test-${Date.now()}`;
  return [await connectNatsEventBus({ url: NATS_URL, prefix }), await connectNatsEventBus({ url: NATS_URL, prefix })];
}, hasNats || process.env.CAMNET_REQUIRE_NATS === '1');
