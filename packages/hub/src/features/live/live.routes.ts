import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { EventBus, HubTopic } from '../../events/event-bus.ts';
import { seesWholeNetwork } from '../../http/scope.ts';

const FORWARDED: HubTopic[] = ['camera.changed', 'camera.removed', 'edge.changed'];

/** The dashboard's live channel: domain events pushed to every signed-in page that may see them. */
export function registerLiveRoutes(app: FastifyInstance, { bus }: { bus: EventBus }): void {
  const sockets = new Set<{ socket: WebSocket; memberId: string; all: boolean }>();
  for (const topic of FORWARDED) {
    bus.subscribe(topic, (payload) => {
      const memberId = 'memberId' in payload ? payload.memberId : null;
      const text = JSON.stringify({ type: topic, ...payload });
      for (const s of sockets) if (s.all || memberId === null || memberId === s.memberId) s.socket.send(text);
    });
  }
  app.get('/api/v1/live', { websocket: true, schema: { tags: ['live'], summary: 'WebSocket of live updates' }, config: { access: { roles: 'any' } } }, (socket, req) => {
    const entry = { socket, memberId: req.principal!.memberId, all: seesWholeNetwork(req.principal!) };
    sockets.add(entry);
    socket.send(JSON.stringify({ type: 'hello', at: new Date().toISOString() }));
    socket.on('close', () => sockets.delete(entry));
  });
}
