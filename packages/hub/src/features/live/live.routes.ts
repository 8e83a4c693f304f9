import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { EventBus, HubTopic } from '../../events/event-bus.ts';
import { seesWholeNetwork } from '../../http/scope.ts';
import type { Role } from '@camnet/core';

/** Topics only some roles receive (RTCC: incidents to the crime centre, BOLOs to patrol and operators). */
const AUDIENCE: Partial<Record<HubTopic, readonly Role[]>> = {
  'incident.created': ['admin', 'operator', 'investigator'],
  'incident.changed': ['admin', 'operator', 'investigator'],
  'bolo.sent': ['admin', 'operator', 'patrol'],
  'bolo.acknowledged': ['admin', 'operator', 'patrol'],
};

const FORWARDED: HubTopic[] = ['camera.changed', 'camera.removed', 'edge.changed', ...(Object.keys(AUDIENCE) as HubTopic[])];

/** The dashboard's live channel: domain events pushed to every signed-in page that may see them. */
export function registerLiveRoutes(app: FastifyInstance, { bus }: { bus: EventBus }): void {
  const sockets = new Set<{ socket: WebSocket; memberId: string; all: boolean; role: Role }>();
  for (const topic of FORWARDED) {
    bus.subscribe(topic, (payload) => {
      const memberId = 'memberId' in payload ? payload.memberId : null;
      const text = JSON.stringify({ type: topic, ...payload });
      const audience = AUDIENCE[topic];
      for (const s of sockets) {
        if (audience && !audience.includes(s.role)) continue;
        if (s.all || memberId === null || memberId === s.memberId) s.socket.send(text);
      }
    });
  }
  app.get('/api/v1/live', { websocket: true, schema: { tags: ['live'], summary: 'WebSocket of live updates' }, config: { access: { roles: 'any' } } }, (socket, req) => {
    const entry = { socket, memberId: req.principal!.memberId, all: seesWholeNetwork(req.principal!), role: req.principal!.role };
    sockets.add(entry);
    socket.send(JSON.stringify({ type: 'hello', at: new Date().toISOString() }));
    socket.on('close', () => sockets.delete(entry));
  });
}
