import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION, edgeMessageSchema, newId } from '@camnet/core';
import type { HubMessage } from '@camnet/core';
import type { EdgesService } from './edges.service.ts';

/** The edge's one outbound WebSocket: hello, heartbeats, and (later) event batches and command replies. */
export function registerEdgeLinkRoutes(app: FastifyInstance, { edges }: { edges: EdgesService }): void {
  app.get('/api/v1/edges/connect', {
    websocket: true,
    schema: { tags: ['edges'], summary: 'Edge agent WebSocket (bearer edge credential)' },
    config: { access: { edge: true }, audit: { action: 'edge.connect', target: (req) => req.edgeId } },
  }, (socket, req) => {
    const edgeId = req.edgeId!;
    const send = (m: HubMessage) => socket.send(JSON.stringify(m));
    socket.on('message', async (raw) => {
      let parsed;
      try {
        parsed = edgeMessageSchema.safeParse(JSON.parse(String(raw)));
      } catch {
        return send({ type: 'error', id: newId(), errorId: 'message_not_json', message: 'Messages must be JSON.' });
      }
      if (!parsed.success) return send({ type: 'error', id: newId(), errorId: 'message_invalid', message: parsed.error.issues[0]?.message ?? 'invalid message' });
      const m = parsed.data;
      if (m.type === 'hello') {
        if (Math.floor(m.protocolVersion) !== PROTOCOL_VERSION) {
          send({ type: 'error', id: newId(), errorId: 'protocol_version_unsupported', message: `The hub speaks protocol ${PROTOCOL_VERSION}.` });
          return socket.close(4400, 'protocol version');
        }
        await edges.heartbeat(edgeId, { version: m.agentVersion });
        return send({ type: 'welcome', id: newId(), edgeId, hubTime: new Date().toISOString() });
      }
      if (m.type === 'heartbeat') {
        await edges.heartbeat(edgeId, { diskUsedBytes: m.diskUsedBytes, clockOffsetMs: m.clockOffsetMs });
        return send({ type: 'ack', id: newId(), of: m.id });
      }
    });
    socket.on('close', () => void edges.disconnected(edgeId));
  });
}
